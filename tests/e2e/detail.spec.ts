import { expect } from "@playwright/test";
import { jellyfinEpisode, jellyseerr, sonarrGrab, sonarrImport } from "../helpers/payloads";
import { test, LIVE, post, randomHash, unique, waitForLive } from "./support";

function show(id: number) {
  const tvdbId = 500_000 + (id % 100_000);
  const eps = [1, 2, 3].map((episode) => ({ season: 1, episode, tvdbId: tvdbId * 10 + episode }));
  return { tvdbId, eps, title: `Live Show ${id}` };
}

test("the episode grid and timeline of a tv request update live", async ({ page }, testInfo) => {
  const id = unique();
  const { tvdbId, eps, title } = show(id);
  const hash = randomHash();
  const [created] = await post(
    "jellyseerr",
    jellyseerr("MEDIA_AUTO_APPROVED", { requestId: id, mediaType: "tv", tvdbId, tmdbId: tvdbId, seasons: [1], subject: `${title} (2023)` }),
  );
  await page.goto(`/requests/${created?.requestId}`);
  await waitForLive(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);

  await post("sonarr", sonarrGrab({ hash, tvdbId, title, type: "standard", episodes: eps }));
  const grid = page.getByTestId("episode-grid");
  await expect(grid.locator("[data-episode]")).toHaveCount(3, LIVE);
  await expect(grid.locator('[data-episode="S01E02"]')).toHaveAttribute("data-stage", "grabbing", LIVE);

  await post("sonarr", sonarrImport({ hash, tvdbId, title, type: "standard", episodes: eps.slice(0, 1) }));
  await expect(grid.locator('[data-episode="S01E01"]')).toHaveAttribute("data-stage", "importing", LIVE);

  await post("jellyfin", jellyfinEpisode({ season: 1, episode: 1, tvdbId: eps[0]?.tvdbId, seriesName: title }), "text/plain");
  await expect(grid.locator('[data-episode="S01E01"]')).toHaveAttribute("data-stage", "available", LIVE);
  // The headline is where the request stands: two episodes are still only grabbed; the ready one is counted.
  await expect(page.getByTestId("detail-stage").locator("[data-stage]")).toHaveText("Grabbed", LIVE);
  await expect(page.getByTestId("episode-list-unknown")).toBeVisible();
  await expect(page.getByTestId("watch-link")).toBeVisible(LIVE);
  await expect(page.getByTestId("timeline").locator("li")).toHaveCount(4, LIVE);

  // Times are the viewer's, never a raw ISO string, also on rows that arrived live.
  const lastTime = page.getByTestId("timeline").locator("li").last().locator("time");
  await expect(lastTime).not.toHaveText("");
  expect(await lastTime.textContent()).not.toContain("T");
  await page.screenshot({ path: testInfo.outputPath("tv-detail.png"), fullPage: true });
});

test("updates posted while the stream is down are replayed on reconnect (Last-Event-ID)", async ({ page, context }) => {
  const id = unique();
  const { tvdbId, eps, title } = show(id);
  const [created] = await post(
    "jellyseerr",
    jellyseerr("MEDIA_PENDING", { requestId: id, mediaType: "tv", tvdbId, tmdbId: tvdbId, seasons: [1], subject: `${title} (2023)` }),
  );
  await page.goto(`/requests/${created?.requestId}`);
  await waitForLive(page);

  const reconnects: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/events")) reconnects.push(r.url());
  });
  await context.setOffline(true);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "offline");

  await post(
    "jellyseerr",
    jellyseerr("MEDIA_APPROVED", { requestId: id, mediaType: "tv", tvdbId, tmdbId: tvdbId, seasons: [1], subject: `${title} (2023)` }),
  );
  await post("sonarr", sonarrGrab({ hash: randomHash(), tvdbId, title, episodes: eps }));
  await expect(page.getByTestId("detail-stage").locator("[data-stage]")).toHaveText("Requested");

  await context.setOffline(false);
  await waitForLive(page);
  await expect(page.getByTestId("detail-stage").locator("[data-stage]")).toHaveText("Grabbed", LIVE);
  await expect(page.getByTestId("episode-grid").locator("[data-episode]")).toHaveCount(3, LIVE);
  await expect(page.getByTestId("timeline").locator("li")).toHaveCount(3, LIVE);
  expect(reconnects.some((u) => /lastEventId=\d+/.test(u))).toBe(true);
});

test("an unknown request id shows the not-found page", async ({ page }) => {
  const res = await page.goto("/requests/987654321");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such request" })).toBeVisible();
});
