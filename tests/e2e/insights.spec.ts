import { expect, type Page } from "@playwright/test";
import { jellyfinMovie, jellyseerr, radarrGrab, radarrImport, sonarrBlocked, sonarrGrab } from "../helpers/payloads";
import { e2e } from "./env";
import { noHorizontalScroll, post, randomHash, signedInContext, test, unique } from "./support";

/** The text of every script the page loaded (its own and those loaded since), to look for a library in it. */
async function loadedScripts(page: Page): Promise<string[]> {
  const urls = await page.evaluate(() => [
    ...new Set([
      ...[...document.scripts].map((s) => s.src).filter(Boolean),
      ...performance
        .getEntriesByType("resource")
        .map((e) => e.name)
        .filter((n) => n.endsWith(".js")),
    ]),
  ]);
  return Promise.all(urls.map(async (u) => (await fetch(u)).text()));
}

const recharts = (code: string) => code.includes("recharts-surface");

test("insights chart how long each stage takes, time to watchable, what got stuck and who asked; recharts loads only there", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const started = Date.now();
  // A movie of bob's all the way to Jellyfin, and a series of his whose import Sonarr blocks.
  const movie = unique();
  const hash = randomHash();
  const title = `Insight Movie ${movie}`;
  await post(
    "jellyseerr",
    jellyseerr("MEDIA_AUTO_APPROVED", { requestId: movie, mediaType: "movie", tmdbId: movie, subject: `${title} (2024)`, user: "bob" }),
  );
  await post("radarr", radarrGrab({ hash, tmdbId: movie, title }));
  await post("radarr", radarrImport({ hash, tmdbId: movie, title }));
  await post("jellyfin", jellyfinMovie({ tmdbId: movie }), "text/plain");
  const show = unique();
  const showHash = randomHash();
  const tvdbId = 700_000 + (show % 100_000);
  const eps = [{ season: 1, episode: 1, tvdbId: tvdbId * 10 + 1 }];
  await post(
    "jellyseerr",
    jellyseerr("MEDIA_AUTO_APPROVED", {
      requestId: show,
      mediaType: "tv",
      tvdbId,
      tmdbId: tvdbId,
      seasons: [1],
      subject: `Insight Show ${show} (2024)`,
      user: "bob",
    }),
  );
  await post("sonarr", sonarrGrab({ hash: showHash, tvdbId, title: `Insight Show ${show}`, type: "standard", episodes: eps }));
  await post("sonarr", sonarrBlocked({ hash: showHash, tvdbId, title: `Insight Show ${show}`, type: "standard", episodes: eps }));

  // The active list does not carry the charting library.
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  expect((await loadedScripts(page)).some(recharts)).toBe(false);

  await page.getByRole("link", { name: "Insights", exact: true }).click();
  // A dynamic page with its own chunk: on a loaded machine the first navigation takes a while.
  await expect(page.getByRole("heading", { level: 1, name: "Insights" })).toBeVisible({ timeout: 20_000 });
  const movies = page.getByTestId("stage-durations-movie");
  await expect(movies.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(movies.getByRole("cell", { name: "Grabbed", exact: true })).toBeVisible();
  await expect(page.getByTestId("time-to-watchable").locator("svg.recharts-surface").first()).toBeVisible();
  await expect(page.getByTestId("stuck-by-kind")).toContainText("Import blocked");
  await expect(page.getByTestId("requesters").getByRole("cell", { name: "bob", exact: true })).toBeVisible();
  // Times are words ("2 min"), never raw seconds or ISO strings.
  expect((await page.getByRole("main").textContent()) ?? "").not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  expect((await loadedScripts(page)).some(recharts)).toBe(true);

  const phone = await signedInContext(browser, { viewport: { width: 390, height: 844 } });
  const small = await phone.newPage();
  await small.goto("/insights");
  await expect(small.getByTestId("requesters").locator("svg.recharts-surface").first()).toBeVisible();
  expect(await noHorizontalScroll(small)).toBe(true);
  await phone.close();
  console.log(`insights e2e: ${Date.now() - started} ms against ${e2e.baseURL}`);
});
