import { randomBytes } from "node:crypto";
import { test as base, expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { e2e } from "./env";
import { sessionCookie } from "./session";

/** Portal pages need a signed-in household member: bob, a Jellyfin account of the fake Jellyfin. */
async function signIn(context: BrowserContext): Promise<void> {
  const cookie = await sessionCookie(e2e.users.member.name, e2e.users.member.password, "10.77.0.1");
  const eq = cookie.indexOf("=");
  await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: e2e.baseURL }]);
}

/** Signs a context in as Alice, a Jellyfin administrator of the fake Jellyfin; returns the cookie. */
export async function signInAdmin(context: BrowserContext, ip: string): Promise<string> {
  const cookie = await sessionCookie(e2e.users.admin.name, e2e.users.admin.password, ip);
  const eq = cookie.indexOf("=");
  await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: e2e.baseURL }]);
  return cookie;
}

export const test = base.extend({
  context: async ({ context }, use) => {
    await signIn(context);
    await use(context);
  },
});

/** A further browser context (a phone, say) with the member signed in. */
export async function signedInContext(browser: Browser, options: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, baseURL: e2e.baseURL });
  await signIn(context);
  return context;
}

type Applied = { requestId: number; event: string; stage: string };

/** Posts a webhook as the upstream service would and returns what it applied. */
export async function post(source: string, body: unknown, contentType = "application/json"): Promise<Applied[]> {
  const res = await fetch(`${e2e.baseURL}/api/webhooks/${source}`, {
    method: "POST",
    headers: { authorization: `Bearer ${e2e.secrets.WEBHOOK_SECRET}`, "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as { applied?: Applied[] };
  expect(res.status, JSON.stringify(json)).toBe(200);
  return json.applied ?? [];
}

let counter = 0;
/** Ids no other test uses: every test shares one database. */
export function unique(): number {
  counter += 1;
  return (Date.now() % 1_000_000) * 100 + counter;
}

export function randomHash(): string {
  return randomBytes(20).toString("hex").toUpperCase();
}

/** The spec: a live change shows within one second of the webhook's response. */
export const LIVE = { timeout: 1_000 };

export async function waitForLive(page: Page): Promise<void> {
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live", { timeout: 10_000 });
}

export async function noHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}
