import { request } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { signInOverHttp } from "../helpers/sign-in";
import { e2e } from "./env";

// Each test signs in from its own address, so one test's failures never rate-limit another.
let address = 0;
test.beforeEach(async ({ context }) => {
  address += 1;
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `10.100.0.${address}` });
});

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits for the form's answer (the server action's POST), so attempts never overlap. */
async function attempt(page: Page, username: string, password: string) {
  const posted = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
  await signIn(page, username, password);
  await posted;
  // The answer re-renders the page, which resets the form: typing the next attempt before that would be wiped.
  await expect(page.getByLabel("Password")).toHaveValue("");
}

test("a household member signs in with a Jellyfin account, lands where they were going, and signs out", async ({ page }) => {
  await page.goto("/?stage=downloading");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await signIn(page, e2e.users.member.name.toUpperCase(), e2e.users.member.password);
  await expect(page).toHaveURL(`${e2e.baseURL}/?stage=downloading`, { timeout: 15_000 });
  await expect(page.getByTestId("signed-in-as")).toHaveText("bob");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2F/);
});

test("a wrong password and an unknown name get the same message", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, e2e.users.member.name, "not-the-password");
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong username or password.");
  await signIn(page, "nobody-here", "whatever");
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong username or password.");
  await signIn(page, e2e.users.disabled.name, e2e.users.disabled.password);
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong username or password.");
  await expect(page).toHaveURL(/\/login/);
});

test("after five failures a name waits at that address, while the admin behind the same address signs in", async ({ page }) => {
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await attempt(page, "dave", `guess-${i}`);
    await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong username or password.");
  }
  await attempt(page, "dave", "guess-5");
  await expect(page.getByTestId("sign-in-error")).toContainText("Too many failed sign-ins");
  await signIn(page, e2e.users.admin.name, e2e.users.admin.password);
  await expect(page.getByTestId("signed-in-as")).toHaveText(`${e2e.users.admin.name} (admin)`);
});

test("a script gets 429 with Retry-After once a name must wait", async ({ page }) => {
  const from = { "x-forwarded-for": "10.100.9.9", origin: e2e.baseURL };
  for (let i = 0; i < 5; i++) expect(await signInOverHttp(e2e.baseURL, "erin", `guess-${i}`, from)).toBe("");
  const csrf = await page.request.get("/api/auth/csrf", { headers: from });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", { headers: from, form: { username: "erin", password: "x", csrfToken } });
  expect(response.status()).toBe(429);
  expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
});

/** Auth.js's CSRF pair: the token and the cookie it must come with. */
async function csrfPair(): Promise<{ token: string; cookie: string }> {
  const response = await fetch(`${e2e.baseURL}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    token: csrfToken,
    cookie: response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; "),
  };
}

/** A credentials POST as a script would send it, from a chosen local source address (a different peer). */
async function postCredentials(localAddress: string, forwardedFor: string, username: string): Promise<number> {
  const csrf = await csrfPair();
  const body = new URLSearchParams({ username, password: "wrong", csrfToken: csrf.token }).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      `${e2e.baseURL}/api/auth/callback/credentials`,
      {
        method: "POST",
        localAddress,
        headers: {
          origin: e2e.baseURL,
          cookie: csrf.cookie,
          "x-forwarded-for": forwardedFor,
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test("X-Forwarded-For counts only from a trusted proxy: from anywhere else a new forged address per guess changes nothing", async () => {
  // 127.0.0.1 is the e2e server's trusted proxy: the address it forwards is the client, each counted apart.
  for (let i = 0; i < 5; i++) await postCredentials("127.0.0.1", "10.100.8.1", "frank");
  expect(await postCredentials("127.0.0.1", "10.100.8.1", "frank")).toBe(429);
  expect(await postCredentials("127.0.0.1", "10.100.8.2", "frank")).not.toBe(429);
  // 127.0.0.2 is not a proxy: its X-Forwarded-For is the client's own invention and is ignored.
  for (let i = 0; i < 5; i++) await postCredentials("127.0.0.2", `10.100.9.${i}`, "frank");
  expect(await postCredentials("127.0.0.2", "10.100.9.99", "frank")).toBe(429);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the sign-in form posts, signs in, and the password never appears in a URL", async ({ page }) => {
    const urls: string[] = [];
    page.on("request", (r) => urls.push(r.url()));
    await page.goto("/login?callbackUrl=%2Fhistory");
    const form = page.locator("form").filter({ has: page.getByLabel("Password") });
    expect(await form.getAttribute("method")).toMatch(/^post$/i);
    expect(await form.getAttribute("action")).not.toBeNull();
    await signIn(page, e2e.users.member.name, "wrong-password-in-url-check");
    await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong username or password.");
    await signIn(page, e2e.users.member.name, e2e.users.member.password);
    await expect(page).toHaveURL(`${e2e.baseURL}/history`);
    await expect(page.getByTestId("signed-in-as")).toHaveText("bob");
    for (const url of urls) {
      expect(url).not.toContain("password");
      expect(url).not.toContain(e2e.users.member.password);
      expect(url).not.toContain("wrong-password-in-url-check");
    }
  });

  test("a callbackUrl that browsers would take off-site lands on this site", async ({ page }) => {
    await page.goto("/login?callbackUrl=%2F.%2F%2Fevil.example%2Fphish");
    await signIn(page, e2e.users.member.name, e2e.users.member.password);
    await expect(page).toHaveURL(`${e2e.baseURL}/evil.example/phish`);
    await page.goto("/");
    await expect(page.getByTestId("signed-in-as")).toHaveText("bob");
  });
});

test("sign-out ends the session on the server: a copy of the cookie taken before gets nothing", async ({ page, context }) => {
  await page.goto("/login");
  await signIn(page, e2e.users.admin.name, e2e.users.admin.password);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  const copied = (await context.cookies())
    .filter((c) => c.name.includes("session-token"))
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  expect(copied).not.toBe("");
  expect((await fetch(`${e2e.baseURL}/api/admin/deliveries`, { headers: { cookie: copied } })).status).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  expect((await fetch(`${e2e.baseURL}/api/admin/deliveries`, { headers: { cookie: copied } })).status).toBe(401);
  expect((await fetch(`${e2e.baseURL}/api/requests`, { headers: { cookie: copied } })).status).toBe(401);
  const home = await fetch(`${e2e.baseURL}/`, { headers: { cookie: copied }, redirect: "manual" });
  expect(new URL(home.headers.get("location") ?? "", e2e.baseURL).pathname).toBe("/login");
  const session = await fetch(`${e2e.baseURL}/api/auth/session`, { headers: { cookie: copied } });
  expect(await session.json()).toBeNull();
});

test("a member sees no admin navigation and gets 403 from admin pages and APIs", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, e2e.users.member.name, e2e.users.member.password);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  expect((await page.request.get("/api/admin/deliveries")).status()).toBe(403);
  const adminPage = await page.goto("/admin");
  expect(adminPage?.status()).toBe(403);
  expect((await page.request.get("/api/requests")).status()).toBe(200);
});

test("a Jellyfin administrator gets the admin page with recent deliveries", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, e2e.users.admin.name, e2e.users.admin.password);
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Recent webhook deliveries" })).toBeVisible();
  expect((await page.request.get("/api/admin/deliveries")).status()).toBe(200);
});

test("the local admin signs in without Jellyfin", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, e2e.localAdmin, e2e.secrets.ADMIN_PASSWORD);
  await expect(page.getByTestId("signed-in-as")).toHaveText(`${e2e.localAdmin} (admin)`);
});

test("the CSP lets the app's own scripts and an EventSource run, and forbids framing", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto("/login");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response?.headers()["referrer-policy"]).toBeTruthy();
  // Signing in and the live indicator below need the app's scripts to run under the CSP.
  await signIn(page, e2e.users.member.name, e2e.users.member.password);
  await expect(page.getByTestId("signed-in-as")).toBeVisible({ timeout: 15_000 });
  const blocked = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        let violated = false;
        document.addEventListener("securitypolicyviolation", () => (violated = true));
        const source = new EventSource("/api/events");
        setTimeout(() => {
          source.close();
          resolve(violated);
        }, 500);
      }),
  );
  expect(blocked).toBe(false);
  expect(violations).toEqual([]);
});
