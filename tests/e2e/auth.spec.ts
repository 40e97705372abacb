import { expect, test, type Page } from "@playwright/test";
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

test("a household member signs in with a Jellyfin account, lands where they were going, and signs out", async ({ page }) => {
  await page.goto("/?stage=downloading");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await signIn(page, e2e.users.member.name.toUpperCase(), e2e.users.member.password);
  await expect(page).toHaveURL(`${e2e.baseURL}/?stage=downloading`);
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

test("five failures lock sign-in for that name with 429 and Retry-After", async ({ page }) => {
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await signIn(page, "dave", `guess-${i}`);
    await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong username or password.");
  }
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/auth/callback/credentials"));
  await signIn(page, "dave", "guess-5");
  const response = await answer;
  expect(response.status()).toBe(429);
  expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
  await expect(page.getByTestId("sign-in-error")).toContainText("Too many failed sign-ins");
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
  // The sign-in form only works once React has hydrated it, i.e. Next's scripts were allowed to run.
  await signIn(page, e2e.users.member.name, e2e.users.member.password);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
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
