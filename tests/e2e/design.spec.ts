import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import sharp from "sharp";
import { freeLoopbackPort as freePort } from "../../db/embedded/cluster";
import { jellyseerr, radarrGrab } from "../helpers/payloads";
import { axeViolations } from "./axe";
import { e2e } from "./env";
import { post, randomHash, signedInContext, signInAdmin, test, unique, waitForLive } from "./support";

/**
 * The portal's look, in one pass over every page: at a phone's and a laptop's size, in both themes, each page
 * is scanned by axe (WCAG 2.1 A and AA) and no image on it is broken, with posters whose host refuses
 * connections. SCREENSHOTS=1 also writes the screenshots docs/design.md shows.
 */
const sizes = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
] as const;
const themes = ["dark", "light"] as const;
const screenshotDir = path.join(process.cwd(), "docs/screenshots");
const wcag = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let posterHost: Server;
let livePoster: string;
let deadPoster: string;
const seeded = { movie: 0, show: 0, plain: 0 };

test.beforeAll(async () => {
  const png = await sharp({ create: { width: 600, height: 900, channels: 3, background: "#2d4a7a" } })
    .png()
    .toBuffer();
  posterHost = createServer((_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(png));
  // Dual-stack, so `localhost` reaches it whichever address it resolves to first.
  await new Promise<void>((resolve) => posterHost.listen(0, resolve));
  livePoster = `http://localhost:${(posterHost.address() as AddressInfo).port}/poster.png`;
  deadPoster = `http://localhost:${await freePort()}/unreachable.jpg`;

  const id = unique();
  const withImage = (body: Record<string, unknown>, image: string | null) => ({ ...body, image: image ?? "" });
  // A screenful and more of movies whose poster host refuses connections (as TMDB does on a LAN without internet).
  for (let i = 0; i < 14; i++) {
    const [applied] = await post(
      "jellyseerr",
      withImage(
        jellyseerr("MEDIA_AUTO_APPROVED", { requestId: id + i, tmdbId: 400_000 + ((id + i) % 100_000), subject: `Offline Poster ${i} (2020)` }),
        deadPoster,
      ),
    );
    if (i === 0) seeded.movie = applied?.requestId ?? 0;
  }
  const tvdbId = 450_000 + (id % 10_000);
  const [show] = await post(
    "jellyseerr",
    withImage(
      jellyseerr("MEDIA_AUTO_APPROVED", {
        requestId: id + 20,
        mediaType: "tv",
        tvdbId,
        tmdbId: tvdbId,
        seasons: [1],
        subject: "Cached Poster Show (2023)",
      }),
      livePoster,
    ),
  );
  seeded.show = show?.requestId ?? 0;
  const [plain] = await post(
    "jellyseerr",
    withImage(jellyseerr("MEDIA_PENDING", { requestId: id + 21, tmdbId: 480_000 + (id % 10_000), subject: "No Poster At All (2024)" }), null),
  );
  seeded.plain = plain?.requestId ?? 0;
  await post("radarr", radarrGrab({ hash: randomHash(), tmdbId: 400_000 + (id % 100_000), title: "Offline Poster 0" }));
});

test.afterAll(() => new Promise<void>((resolve) => posterHost.close(() => resolve())));

/**
 * Every image on the page loaded and has pixels: lazy ones are asked to load now, then all are awaited. Waiting and
 * reading happen in one turn of the page: a live update may replace the images in between, and a new image that has
 * not loaded yet has no pixels either.
 */
async function expectNoBrokenImages(page: Page, label: string): Promise<void> {
  const loaded = await page.waitForFunction(
    () => {
      const all = [...document.images];
      for (const img of all) img.loading = "eager";
      if (!all.every((img) => img.complete)) return null;
      return all.map((img) => ({ src: img.currentSrc || img.src, width: img.naturalWidth }));
    },
    undefined,
    { timeout: 15_000 },
  );
  const images = await loaded.jsonValue();
  if (!images) throw new Error(`${label}: the images never finished loading`);
  expect(
    images.filter((i) => i.width === 0),
    `${label}: images without pixels`,
  ).toEqual([]);
  // Posters never point the browser at an upstream host: only this app's image route (and its own icon).
  expect(
    images.filter((i) => !new URL(i.src).pathname.startsWith("/api/images/") && new URL(i.src).pathname !== "/icon.svg"),
    label,
  ).toEqual([]);
}

/** On a phone the header is two rows: the mark with who is signed in and sign-out, then the links. */
async function expectTwoRowHeader(page: Page, label: string): Promise<void> {
  const box = async (locator: Locator) => {
    const b = await locator.boundingBox();
    if (!b) throw new Error(`${label}: ${locator} has no box`);
    return b;
  };
  const header = page.getByRole("banner");
  const [brand, signOut, nav] = await Promise.all([
    box(header.getByTestId("brand")),
    box(header.getByRole("button", { name: "Sign out" })),
    box(header.getByRole("navigation", { name: "Main" })),
  ]);
  expect(Math.abs(signOut.y + signOut.height / 2 - (brand.y + brand.height / 2)), `${label}: sign-out beside the mark`).toBeLessThan(brand.height);
  expect(nav.y, `${label}: the links right below`).toBeGreaterThanOrEqual(signOut.y + signOut.height - 1);
  expect(nav.y - (signOut.y + signOut.height), `${label}: no third row`).toBeLessThan(signOut.height);
}

test("every page at phone and desktop size, dark and light: no axe violation, no broken image", async ({ browser }) => {
  test.setTimeout(480_000);
  // As an admin: the admin pages are scanned too, and the portal's pages show the header's admin links.
  const context = await browser.newContext({ baseURL: e2e.baseURL });
  await signInAdmin(context, "10.77.0.9");
  const page = await context.newPage();
  // A stored delivery to open on its own page (the seeding above posted several).
  const deliveries = (await (await page.request.get("/api/admin/deliveries?source=jellyseerr")).json()) as { items: { id: number }[] };
  // `live`: the portal's pages stream (the header's live indicator); admin pages and the edges do not.
  const pages = [
    { name: "active", path: "/", live: true },
    { name: "history", path: "/history", live: true },
    { name: "detail-movie", path: `/requests/${seeded.movie}`, live: true },
    { name: "detail-tv", path: `/requests/${seeded.show}`, live: true },
    { name: "insights", path: "/insights", live: true },
    { name: "settings", path: "/settings", live: true },
    { name: "admin", path: "/admin", live: false },
    { name: "admin-delivery", path: `/admin/deliveries/${deliveries.items[0]?.id ?? 0}`, live: false },
    { name: "admin-health", path: "/admin/health", live: false },
    { name: "admin-thresholds", path: "/admin/thresholds", live: false },
    { name: "admin-tokens", path: "/admin/tokens", live: false },
    { name: "admin-deletions", path: "/admin/deletions", live: false },
    { name: "not-found", path: "/no-such-page", live: false },
    { name: "login", path: "/login", live: false },
  ];
  if (process.env.SCREENSHOTS === "1") mkdirSync(screenshotDir, { recursive: true });
  // One load per page, rendered dark by the server; light is what the header's toggle switches to in place.
  await context.addCookies([{ name: "st-theme", value: "dark", url: e2e.baseURL }]);
  for (const p of pages) {
    await page.setViewportSize({ width: sizes[0].width, height: sizes[0].height });
    await page.goto(p.path);
    await expect(page.locator("html"), p.name).toHaveAttribute("data-theme", "dark");
    if (p.live) await waitForLive(page);
    for (const theme of themes) {
      await page.evaluate((t) => {
        document.documentElement.dataset.theme = t;
      }, theme);
      for (const size of sizes) {
        const label = `${p.name} ${size.name} ${theme}`;
        await page.setViewportSize({ width: size.width, height: size.height });
        await expectNoBrokenImages(page, label);
        if (size.name === "phone" && p.name !== "login") await expectTwoRowHeader(page, label);
        expect(await axeViolations(page, wcag), label).toEqual([]);
        if (process.env.SCREENSHOTS === "1") {
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: path.join(screenshotDir, `${p.name}-${size.width}x${size.height}-${theme}.jpg`), type: "jpeg", quality: 72 });
        }
      }
    }
  }
  // The scanner itself, on the last page scanned: an image without a text alternative is reported.
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/icon.svg" width="8" height="8">'));
  expect(await axeViolations(page, wcag)).toContainEqual(expect.stringMatching(/^image-alt: /));
  await context.close();
});

test("a poster seen once is served by the app, resized, in the browser's best format", async ({ page }) => {
  const response = await page.request.get(`/api/images/card?src=${encodeURIComponent(livePoster)}&title=Cached&type=tv`, {
    headers: { accept: "image/avif,image/webp,*/*" },
  });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/webp");
  const meta = await sharp(await response.body()).metadata();
  expect([meta.width, meta.height]).toEqual([400, 600]);
  const offList = await page.request.get(`/api/images/card?src=${encodeURIComponent("http://example.com/p.jpg")}&title=Elsewhere`);
  expect(offList.headers()["content-type"]).toBe("image/svg+xml");
});

test("the theme toggle switches at once and is remembered for the member on another device", async ({ page, browser }) => {
  await page.goto("/history");
  await expect(page.locator("html")).toHaveAttribute("data-theme", /dark|light/);
  const before = await page.locator("html").getAttribute("data-theme");
  const after = before === "dark" ? "light" : "dark";
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/history"));
  await page.getByTestId("theme-toggle").click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", after);
  await saved;
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", after);

  // A new browser has no cookie: the server renders the member's stored choice from the first byte.
  const other = await signedInContext(browser, {});
  const response = await other.request.get("/history");
  expect(await response.text()).toContain(`data-theme="${after}"`);
  await other.close();
  // Back to the default for the tests after this one.
  await page.getByTestId("theme-toggle").click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", before ?? "dark");
});

test("the login page names the app and the account to use; unknown pages get the styled 404 with the header", async ({ browser, page }) => {
  const anonymous = await browser.newContext({ baseURL: e2e.baseURL });
  const login = await anonymous.newPage();
  await login.goto("/login");
  await expect(login.getByText("Status Tracker", { exact: true })).toBeVisible();
  await expect(login.getByTestId("sign-in-account")).toContainText("Jellyfin account");
  await anonymous.close();

  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This page does not exist");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("/ ships at most 150 kB of compressed JavaScript and prefetches only links on screen", async ({ browser }) => {
  const context = await signedInContext(browser, { viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const scripts: Promise<number>[] = [];
  const prefetched = new Set<string>();
  page.on("requestfinished", (request) => {
    if (request.resourceType() === "script") scripts.push(request.sizes().then((s) => s.responseBodySize));
  });
  page.on("request", (request) => {
    const headers = request.headers();
    if (headers["next-router-prefetch"] || headers.purpose === "prefetch" || headers["sec-purpose"]?.includes("prefetch"))
      prefetched.add(new URL(request.url()).pathname);
  });
  await page.goto("/");
  await waitForLive(page);
  const onScreen = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>("a[href^='/']")]
      .filter((a) => {
        const box = a.getBoundingClientRect();
        return box.bottom > 0 && box.top < window.innerHeight && box.width > 0;
      })
      .map((a) => new URL(a.href).pathname),
  );
  const offScreen = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>("a[data-row-link]")]
      .filter((a) => a.getBoundingClientRect().top >= window.innerHeight)
      .map((a) => new URL(a.href).pathname),
  );
  expect(offScreen.length, "the list is longer than a screen").toBeGreaterThan(0);
  // Whatever the page prefetches once it is idle (its links are plain anchors: nothing today) must be on screen.
  await page.waitForLoadState("load");
  let settled = -1;
  await expect
    .poll(
      () => {
        const stable = settled === prefetched.size;
        settled = prefetched.size;
        return stable;
      },
      { intervals: [1000] },
    )
    .toBe(true);

  expect(
    [...prefetched].filter((p) => !onScreen.includes(p)),
    "prefetched but not on screen",
  ).toEqual([]);
  const bytes = (await Promise.all(scripts)).reduce((sum, n) => sum + n, 0);
  console.log(`/ loads ${scripts.length} scripts, ${(bytes / 1000).toFixed(1)} kB compressed; prefetched ${prefetched.size} routes`);
  expect(bytes).toBeLessThanOrEqual(150_000);
  await context.close();
});

test("signing out in one tab ends the live stream in the others, which show the sign-in page", async ({ browser }) => {
  const context = await signedInContext(browser, {});
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto("/");
  await second.goto(`/requests/${seeded.show}`);
  await waitForLive(first);
  await waitForLive(second);
  await first.getByTestId("sign-out").click();
  await expect(first).toHaveURL(/\/login/);
  await expect(second).toHaveURL(/\/login\?callbackUrl=%2Frequests%2F/);
  await expect(second.getByRole("button", { name: "Sign in" })).toBeVisible();
  await context.close();
});
