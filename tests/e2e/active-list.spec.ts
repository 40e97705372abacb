import { expect } from "@playwright/test";
import { jellyseerr, qbitFinished, radarrGrab, radarrImport } from "../helpers/payloads";
import { test, LIVE, noHorizontalScroll, post, randomHash, signedInContext, unique, waitForLive } from "./support";

test("a webhook makes a new row appear, then advance through the stages, without reload", async ({ page }, testInfo) => {
  await page.goto("/");
  await waitForLive(page);
  await page.evaluate(() => Object.assign(window, { __notReloaded: true }));
  const id = unique();
  const tmdbId = 700_000 + (id % 100_000);
  const title = `Live Movie ${id}`;
  const hash = randomHash();

  const [created] = await post("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: id, tmdbId, subject: `${title} (2021)` }));
  const row = page.locator(`[data-testid=request-table] [data-request-id="${created?.requestId}"]`);
  await expect(row).toContainText(title, LIVE);
  await expect(row.locator("[data-stage]")).toHaveText("Requested", LIVE);

  await post("jellyseerr", jellyseerr("MEDIA_APPROVED", { requestId: id, tmdbId, subject: `${title} (2021)` }));
  await expect(row.locator("[data-stage]")).toHaveText("Approved", LIVE);
  await post("radarr", radarrGrab({ hash, tmdbId, title }));
  await expect(row.locator("[data-stage]")).toHaveText("Grabbed", LIVE);
  await post("qbittorrent", qbitFinished(hash), "application/x-www-form-urlencoded");
  await expect(row.locator("[data-stage]")).toHaveText("Downloaded", LIVE);
  await post("radarr", radarrImport({ hash, tmdbId, title }));
  await expect(row.locator("[data-stage]")).toHaveText("Importing", LIVE);

  // The announcement for screen readers follows the stage too.
  await expect(page.getByTestId("live-announcer")).toContainText(`${title}: Importing`, LIVE);
  expect(await page.evaluate(() => "__notReloaded" in window)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath("active-desktop.png"), fullPage: true });
});

test("filters in the URL survive a live update", async ({ page }) => {
  const id = unique();
  const word = `Filterword${id}`;
  await page.goto(`/?type=movie&q=${word}`);
  await waitForLive(page);
  await expect(page.getByTestId("empty-state")).toBeVisible();

  const tmdbId = 800_000 + (id % 100_000);
  const [movie] = await post("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: id, tmdbId, subject: `${word} Movie (2020)` }));
  // Matches the text but not the type: must stay out.
  await post(
    "jellyseerr",
    jellyseerr("MEDIA_PENDING", {
      requestId: id + 1,
      mediaType: "tv",
      tvdbId: 900_000 + (id % 100_000),
      tmdbId: tmdbId + 1,
      seasons: [1],
      subject: `${word} Show (2020)`,
    }),
  );
  // Matches the type but not the text: must stay out too.
  await post("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: id + 2, tmdbId: tmdbId + 2, subject: `Other ${id} (2020)` }));

  const rows = page.locator("[data-testid=request-table] [data-request-id]");
  await expect(rows).toHaveCount(1, LIVE);
  await expect(rows.first()).toHaveAttribute("data-request-id", String(movie?.requestId));
  await post("jellyseerr", jellyseerr("MEDIA_APPROVED", { requestId: id, tmdbId, subject: `${word} Movie (2020)` }));
  await expect(rows.first().locator("[data-stage]")).toHaveText("Approved", LIVE);
  await expect(rows).toHaveCount(1);
  expect(new URL(page.url()).searchParams.get("q")).toBe(word);
  expect(new URL(page.url()).searchParams.get("type")).toBe("movie");
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue(word);
  await expect(page.getByLabel("Type")).toHaveValue("movie");
});

test("on a 390×844 phone the list is one column of cards with no horizontal scroll", async ({ browser }, testInfo) => {
  const context = await signedInContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const id = unique();
  await post(
    "jellyseerr",
    jellyseerr("MEDIA_PENDING", {
      requestId: id,
      tmdbId: 600_000 + (id % 100_000),
      subject: `A Rather Long Title That Has To Wrap On Small Phones ${id} (2019)`,
    }),
  );
  await page.goto("/");
  await waitForLive(page);
  await expect(page.getByTestId("request-cards")).toBeVisible();
  await expect(page.getByTestId("request-table")).toBeHidden();
  expect(await noHorizontalScroll(page)).toBe(true);

  const [added] = await post(
    "jellyseerr",
    jellyseerr("MEDIA_PENDING", { requestId: id + 1, tmdbId: 600_000 + (id % 100_000) + 1, subject: `Phone Live ${id} (2022)` }),
  );
  await expect(page.locator(`[data-testid=request-cards] [data-request-id="${added?.requestId}"]`)).toBeVisible(LIVE);
  expect(await noHorizontalScroll(page)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath("active-phone.png"), fullPage: true });
  await context.close();
});
