import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2e } from "./env";
import { sessionCookie, sessionSetCookie } from "./session";

/**
 * Every page and route handler under app/, and what each kind of caller gets. A route that exists without
 * an entry fails, and so does an entry for a route that no longer exists.
 *   ok     answered (not 401/403, no redirect to sign-in, no 5xx)
 *   login  redirected to /login?callbackUrl=…
 *   open   machine route: never sent to sign-in and no 5xx (it checks its own credential)
 */
type Outcome = "ok" | "login" | "open" | 401 | 403;
type Caller = "anonymous" | "member" | "admin" | "apiToken" | "webhookSecret";
/** `sameOrigin`: sent with the app's own Origin (true) or another site's (false); state changes refuse other origins. */
type Check = { method: "GET" | "POST" | "DELETE"; path: string; body?: string; sameOrigin?: boolean; expect: Record<Caller, Outcome> };

const page = (p: string): Check => ({
  method: "GET",
  path: p,
  expect: { anonymous: "login", member: "ok", admin: "ok", apiToken: "login", webhookSecret: "login" },
});
const adminPage = (p: string): Check => ({
  method: "GET",
  path: p,
  expect: { anonymous: "login", member: 403, admin: "ok", apiToken: "login", webhookSecret: "login" },
});
const sessionApi = (p: string): Check => ({
  method: "GET",
  path: p,
  expect: { anonymous: 401, member: "ok", admin: "ok", apiToken: 401, webhookSecret: 401 },
});
const readApi = (p: string): Check => ({
  method: "GET",
  path: p,
  expect: { anonymous: 401, member: "ok", admin: "ok", apiToken: "ok", webhookSecret: 401 },
});
const adminApi = (p: string): Check => ({
  method: "GET",
  path: p,
  expect: { anonymous: 401, member: 403, admin: "ok", apiToken: 401, webhookSecret: 401 },
});
/** A member's own settings: any signed-in person from the app's pages (400/404 for this empty body count as answered). */
const ownWrite = (p: string): Check => ({
  method: "POST",
  path: p,
  body: "{}",
  sameOrigin: true,
  expect: { anonymous: 401, member: "ok", admin: "ok", apiToken: 401, webhookSecret: 401 },
});
/** The same routes called from another site: refused even with a session cookie. */
const crossSite = (p: string): Check => ({
  method: "POST",
  path: p,
  body: "{}",
  sameOrigin: false,
  expect: { anonymous: 401, member: 403, admin: 403, apiToken: 401, webhookSecret: 401 },
});
const everyone = (outcome: Outcome): Record<Caller, Outcome> => ({
  anonymous: outcome,
  member: outcome,
  admin: outcome,
  apiToken: outcome,
  webhookSecret: outcome,
});
/**
 * Per-request actions: members get 403 for every admin action (only "report" is theirs), the read-only API_TOKEN
 * cannot act. A missing request answers 404 to whoever may act: "ok" here.
 */
const actionApi = (p: string, body: string, memberMay = false): Check => ({
  method: "POST",
  path: p,
  body,
  expect: { anonymous: 401, member: memberMay ? "ok" : 403, admin: "ok", apiToken: 403, webhookSecret: 401 },
});
const adminAction = (p: string, body = "{}"): Check => ({
  method: "POST",
  path: p,
  body,
  expect: { anonymous: 401, member: 403, admin: "ok", apiToken: 401, webhookSecret: 401 },
});

const jellyseerrTest = readFileSync(path.join(process.cwd(), "tests/fixtures/contracts/jellyseerr-test-notification.json"), "utf8");

const matrix: Record<string, Check[]> = {
  "/": [page("/")],
  "/login": [{ method: "GET", path: "/login", expect: everyone("ok") }],
  "/history": [page("/history")],
  "/insights": [page("/insights")],
  "/requests/[id]": [page("/requests/999999")],
  "/admin": [adminPage("/admin")],
  "/admin/health": [adminPage("/admin/health")],
  "/admin/thresholds": [adminPage("/admin/thresholds")],
  "/api/health": [{ method: "GET", path: "/api/health", expect: everyone("ok") }],
  "/api/inngest": [{ method: "GET", path: "/api/inngest", expect: everyone("open") }],
  "/api/auth/[...nextauth]": [
    { method: "GET", path: "/api/auth/session", expect: everyone("ok") },
    { method: "GET", path: "/api/auth/csrf", expect: everyone("ok") },
  ],
  "/api/events": [sessionApi("/api/events")],
  "/api/requests": [readApi("/api/requests")],
  "/api/requests/[id]": [readApi("/api/requests/999999")],
  "/api/requests/[id]/actions": [
    actionApi("/api/requests/999999/actions", '{"action":"check"}'),
    actionApi("/api/requests/999999/actions", '{"action":"dismiss","reason":"x"}'),
    actionApi("/api/requests/999999/actions", '{"action":"report","message":"no sound"}', true),
  ],
  "/api/requests/[id]/deletion": [
    { method: "GET", path: "/api/requests/999999/deletion", expect: { anonymous: 401, member: 403, admin: "ok", apiToken: 403, webhookSecret: 401 } },
    actionApi("/api/requests/999999/deletion", '{"services":["tracker"]}'),
  ],
  "/api/summary": [readApi("/api/summary")],
  "/api/images/[variant]": [sessionApi("/api/images/thumb?title=Andor&type=tv")],
  "/api/openapi.json": [readApi("/api/openapi.json")],
  "/api/docs": [sessionApi("/api/docs")],
  "/admin/deletions": [adminPage("/admin/deletions")],
  "/admin/tokens": [adminPage("/admin/tokens")],
  "/admin/deliveries/[id]": [adminPage("/admin/deliveries/999999")],
  "/api/admin/deletions": [adminApi("/api/admin/deletions"), adminAction("/api/admin/deletions", '{"requestIds":[999999],"services":["tracker"]}')],
  "/api/admin/deletions/[id]/steps/[stepId]/retry": [adminAction("/api/admin/deletions/999999/steps/1/retry")],
  "/api/admin/library-sync": [adminApi("/api/admin/library-sync")],
  "/api/admin/tokens": [adminApi("/api/admin/tokens"), adminAction("/api/admin/tokens", '{"name":"matrix","scope":"read"}')],
  "/api/admin/tokens/[id]/revoke": [adminAction("/api/admin/tokens/999999/revoke")],
  "/api/admin/deliveries": [adminApi("/api/admin/deliveries")],
  "/settings": [page("/settings")],
  "/api/notifications/push-subscriptions": [
    { ...ownWrite("/api/notifications/push-subscriptions"), method: "POST" },
    { ...ownWrite("/api/notifications/push-subscriptions"), method: "DELETE" },
    { ...crossSite("/api/notifications/push-subscriptions"), method: "POST" },
  ],
  "/api/notifications/channels": [
    { ...ownWrite("/api/notifications/channels"), method: "POST" },
    { ...crossSite("/api/notifications/channels"), method: "POST" },
  ],
  "/api/notifications/channels/[id]": [{ ...ownWrite("/api/notifications/channels/999999"), method: "DELETE" }],
  "/api/notifications/channels/[id]/test": [{ ...ownWrite("/api/notifications/channels/999999/test"), method: "POST" }],
  "/api/notifications/quiet-hours": [
    { ...ownWrite("/api/notifications/quiet-hours"), method: "POST" },
    { ...crossSite("/api/notifications/quiet-hours"), method: "POST" },
  ],
  "/api/notifications/follows/[requestId]": [
    { ...ownWrite("/api/notifications/follows/999999"), method: "POST" },
    { ...ownWrite("/api/notifications/follows/999999"), method: "DELETE" },
    { ...crossSite("/api/notifications/follows/999999"), method: "POST" },
  ],
  "/api/admin/health/[service]": [{ ...adminApi("/api/admin/health/sonarr"), method: "POST" }],
  "/api/admin/sweep": [{ ...adminApi("/api/admin/sweep"), method: "POST" }],
  "/api/admin/deliveries/[id]/retry": [{ ...adminApi("/api/admin/deliveries/999999/retry"), method: "POST" }],
  "/api/webhooks/[source]": [
    {
      method: "POST",
      path: "/api/webhooks/jellyseerr",
      body: jellyseerrTest,
      expect: { anonymous: 401, member: 401, admin: 401, apiToken: 401, webhookSecret: "ok" },
    },
  ],
};

/** `app/(portal)/requests/[id]/page.tsx` → `/requests/[id]`: route groups leave the URL. */
function discoverRoutes(dir = path.join(process.cwd(), "app"), segments: string[] = []): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
      const next = /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name];
      found.push(...discoverRoutes(path.join(dir, entry.name), next));
    } else if (/^(page\.tsx|route\.ts)$/.test(entry.name)) {
      found.push(`/${segments.join("/")}`);
    }
  }
  return [...new Set(found)].sort();
}

const routes = discoverRoutes();

test("every page and route handler has an entry in the matrix", () => {
  expect(routes.filter((r) => !(r in matrix))).toEqual([]);
});

let headersFor: Record<Caller, Record<string, string>>;

test.beforeAll(async () => {
  const member = await sessionCookie(e2e.users.member.name, e2e.users.member.password, "10.200.0.1");
  const admin = await sessionCookie(e2e.users.admin.name, e2e.users.admin.password, "10.200.0.1");
  headersFor = {
    anonymous: {},
    member: { cookie: member },
    admin: { cookie: admin },
    apiToken: { authorization: `Bearer ${e2e.secrets.API_TOKEN}` },
    webhookSecret: { authorization: `Bearer ${e2e.secrets.WEBHOOK_SECRET}` },
  };
});

/** How a POST says where it comes from: this app's own page (as a browser sends it), another site, or nothing. */
const sameOrigin = { origin: e2e.baseURL, "sec-fetch-site": "same-origin" };
const foreignOrigins: Record<string, Record<string, string>> = {
  "another site": { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
  "another port of this host": { origin: `http://127.0.0.1:${e2e.port + 1}`, "sec-fetch-site": "same-site" },
  "an old browser on another port": { origin: `http://127.0.0.1:${e2e.port + 1}` },
  "no Origin at all": {},
};

async function call(check: Check, caller: Caller, from: Record<string, string> = sameOrigin): Promise<{ status: number; location: string | null }> {
  const response = await fetch(`${e2e.baseURL}${check.path}`, {
    method: check.method,
    redirect: "manual",
    headers: {
      ...headersFor[caller],
      // State changes say where they come from: the given origin, or another site's for a `sameOrigin: false` check.
      ...(check.method === "GET" ? {} : check.sameOrigin === false ? foreignOrigins["another site"] : from),
      ...(check.body ? { "content-type": "application/json" } : {}),
    },
    body: check.body,
    signal: AbortSignal.timeout(15_000),
  });
  // Streams (/api/events) never end: the status is all that is needed.
  await response.body?.cancel();
  return { status: response.status, location: response.headers.get("location") };
}

function describeOutcome({ status, location }: { status: number; location: string | null }): Outcome | string {
  const toLogin = status >= 300 && status < 400 && !!location && new URL(location, e2e.baseURL).pathname === "/login";
  if (toLogin) return "login";
  if (status === 401 || status === 403) return status;
  if (status >= 500) return `server error ${status}`;
  return "ok";
}

for (const [route, checks] of Object.entries(matrix)) {
  test(`authorization of ${route}`, async () => {
    expect(routes, `the matrix names ${route}, which no longer exists under app/`).toContain(route);
    for (const check of checks) {
      for (const caller of Object.keys(check.expect) as Caller[]) {
        const expected = check.expect[caller];
        const got = describeOutcome(await call(check, caller));
        const label = `${check.method} ${check.path} as ${caller}`;
        if (expected === "open") expect.soft(got === "ok" || got === 401 || got === 403, `${label}: ${got}`).toBe(true);
        else expect.soft(got, label).toBe(expected);
      }
    }
  });
}

/** Every state-changing route that takes a session cookie, plus Auth.js's own POSTs (sign-in, sign-out). */
const stateChanging: Check[] = [
  ...Object.values(matrix)
    .flat()
    .filter((c) => c.method !== "GET" && c.expect.admin === "ok"),
  { method: "POST", path: "/api/auth/signout", expect: everyone("ok") },
  { method: "POST", path: "/api/auth/callback/credentials", expect: everyone("ok") },
];

test("a POST from another site, another port or with no Origin gets 403 on every state-changing route", async () => {
  expect(stateChanging.length).toBeGreaterThanOrEqual(4);
  for (const check of stateChanging) {
    for (const [label, from] of Object.entries(foreignOrigins)) {
      const { status } = await call(check, "admin", from);
      expect.soft(status, `${check.method} ${check.path} from ${label}`).toBe(403);
    }
  }
});

test("a login redirect carries where the visitor was going", async () => {
  const { location } = await call(page("/?stage=downloading"), "anonymous");
  const url = new URL(location ?? "", e2e.baseURL);
  expect(url.searchParams.get("callbackUrl")).toBe("/?stage=downloading");
});

test("the web manifest and its icons load without a session, so a phone can install the portal", async () => {
  const manifest = await fetch(`${e2e.baseURL}/manifest.webmanifest`, { redirect: "manual" });
  expect(manifest.status).toBe(200);
  const body = (await manifest.json()) as { display?: string; icons?: { src: string }[] };
  expect(body.display).toBe("standalone");
  for (const icon of body.icons ?? []) {
    expect((await fetch(`${e2e.baseURL}${icon.src}`, { redirect: "manual" })).status, icon.src).toBe(200);
  }
});

test("the service worker and its offline page load without a session, so the installed app opens offline", async () => {
  for (const file of ["/sw.js", "/offline.html"]) {
    const response = await fetch(`${e2e.baseURL}${file}`, { redirect: "manual" });
    expect(response.status, file).toBe(200);
  }
});

test("the health check shows nothing private", async () => {
  const response = await fetch(`${e2e.baseURL}/api/health`);
  const body = (await response.json()) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(["database", "status"]);
  expect(JSON.stringify(body)).not.toMatch(/postgres:\/\/|pglite\/|secret|token/i);
});

test("the detailed health report needs the API token or an admin; members and anonymous get liveness", async () => {
  const detailed = await fetch(`${e2e.baseURL}/api/health`, { headers: { authorization: `Bearer ${e2e.secrets.API_TOKEN}` } });
  const body = (await detailed.json()) as Record<string, unknown>;
  expect(body).toHaveProperty("integrations");
  expect(body).toHaveProperty("webhooks");
  const member = await sessionCookie(e2e.users.member.name, e2e.users.member.password, "10.200.0.9");
  const asMember = (await (await fetch(`${e2e.baseURL}/api/health`, { headers: { cookie: member } })).json()) as Record<string, unknown>;
  expect(Object.keys(asMember).sort()).toEqual(["database", "status"]);
});

test("the proxy reads the session without writing it, so a request in flight cannot undo a sign-out", async () => {
  const cookie = await sessionCookie(e2e.users.member.name, e2e.users.member.password, "10.200.0.10");
  for (const path of ["/", "/history", "/api/requests"]) {
    const response = await fetch(`${e2e.baseURL}${path}`, { headers: { cookie }, redirect: "manual" });
    expect(response.status, path).toBe(200);
    expect(
      response.headers.getSetCookie().filter((c) => c.includes("session-token")),
      path,
    ).toEqual([]);
  }
});

test("session cookies are httpOnly and SameSite=Lax, and Secure with a __Secure- name behind https", async () => {
  const plain = await sessionSetCookie(e2e.users.member.name, e2e.users.member.password, "10.200.0.2");
  expect(plain).toMatch(/^authjs\.session-token=/);
  expect(plain).toMatch(/HttpOnly/i);
  expect(plain).toMatch(/SameSite=Lax/i);
  expect(plain).not.toMatch(/;\s*Secure/i);

  const https = { "x-forwarded-proto": "https", origin: `https://127.0.0.1:${e2e.port}` };
  const secure = await sessionSetCookie(e2e.users.member.name, e2e.users.member.password, "10.200.0.2", https);
  expect(secure).toMatch(/^__Secure-authjs\.session-token=/);
  expect(secure).toMatch(/;\s*Secure/i);
  // The proxy, route handlers and pages all read the same cookie name behind https.
  const cookie = secure.split(";")[0] ?? "";
  const api = await fetch(`${e2e.baseURL}/api/requests`, { headers: { ...https, cookie } });
  expect(api.status).toBe(200);
  const home = await fetch(`${e2e.baseURL}/`, { headers: { ...https, cookie }, redirect: "manual" });
  expect(home.status).toBe(200);
  expect(await home.text()).toContain(e2e.users.member.name);
});
