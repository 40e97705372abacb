import { expect, type Locator } from "@playwright/test";
import { jellyfinEpisode, jellyseerr, sonarrBlocked, sonarrGrab, sonarrImport } from "../helpers/payloads";
import { LIVE, noHorizontalScroll, post, randomHash, test, unique, waitForLive } from "./support";

// One signed-in phone for the whole walk: what a household member reads on the list and on a detail page.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const idsOf = async (cards: Locator) => cards.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-request-id"))));

test("a phone reads the list in a calm order with reasons in words, and a request's story in folded lines", async ({ page }, testInfo) => {
  const id = unique();
  const word = `Calm${id}`;
  const tvdbId = 400_000 + (id % 100_000);
  const eps = [1, 2, 3].map((episode) => ({ season: 1, episode, tvdbId: tvdbId * 10 + episode }));
  const show = `${word} Charlie`;
  const hash = randomHash();

  // The oldest request is a show halfway through: two episodes in Jellyfin, the third still to import.
  const [tv] = await post(
    "jellyseerr",
    jellyseerr("MEDIA_AUTO_APPROVED", { requestId: id, mediaType: "tv", tvdbId, tmdbId: tvdbId, seasons: [1], subject: `${show} (2023)` }),
  );
  await post("sonarr", sonarrGrab({ hash, tvdbId, title: show, episodes: eps }));
  for (const e of eps.slice(0, 2)) await post("sonarr", sonarrImport({ hash, tvdbId, title: show, episodes: [e] }));
  for (const e of eps.slice(0, 2))
    await post("jellyfin", jellyfinEpisode({ season: 1, episode: e.episode, tvdbId: e.tvdbId, seriesName: show }), "text/plain");
  const [alpha] = await post(
    "jellyseerr",
    jellyseerr("MEDIA_PENDING", { requestId: id + 1, tmdbId: 300_000 + (id % 100_000), subject: `${word} Alpha (2020)` }),
  );
  const [bravo] = await post(
    "jellyseerr",
    jellyseerr("MEDIA_PENDING", { requestId: id + 2, tmdbId: 310_000 + (id % 100_000), subject: `${word} Bravo (2021)` }),
  );
  const [c, a, b] = [tv?.requestId, alpha?.requestId, bravo?.requestId];

  await test.step("the list keeps request order; a change shows in place", async () => {
    await page.goto(`/?q=${word}`);
    await waitForLive(page);
    const cards = page.locator("[data-testid=request-cards] > li");
    await expect(cards).toHaveCount(3);
    expect(await idsOf(cards)).toEqual([b, a, c]);
    await post("jellyseerr", jellyseerr("MEDIA_APPROVED", { requestId: id + 1, tmdbId: 300_000 + (id % 100_000), subject: `${word} Alpha (2020)` }));
    await expect(cards.nth(1).locator("[data-stage]")).toHaveText("Approved", LIVE);
    await expect(cards.nth(1)).toHaveAttribute("data-changed", "true");
    expect(await idsOf(cards)).toEqual([b, a, c]);
  });

  await test.step("a request that needs attention is pinned first, its reason and duration in visible words", async () => {
    const cards = page.locator("[data-testid=request-cards] > li");
    await post("sonarr", sonarrBlocked({ hash, tvdbId, title: show, episodes: eps.slice(2) }));
    await expect(cards.first()).toHaveAttribute("data-request-id", String(c), LIVE);
    const note = cards.first().getByTestId("attention-note");
    await expect(note).toBeVisible();
    await expect(note).toHaveText(/^Import blocked for (under a minute|\d+ min) — \S/);
    expect(await note.getAttribute("title")).toBeNull();
    await page.screenshot({ path: testInfo.outputPath("reading-list-phone.png"), fullPage: true });
  });

  await test.step("sort and filter on a phone", async () => {
    const cards = page.locator("[data-testid=request-cards] > li");
    await page.getByLabel("Sort by").selectOption({ label: "Title, Z–A" });
    await expect.poll(() => idsOf(cards)).toEqual([c, b, a]);
    expect(new URL(page.url()).searchParams.get("sort")).toBe("title.desc");
    await page.getByLabel("Type").selectOption("tv");
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toHaveAttribute("data-request-id", String(c));
    expect(await noHorizontalScroll(page)).toBe(true);
  });

  await test.step("the detail page: steps with times, a labelled episode grid, a folded story", async () => {
    await page.goto(`/requests/${c}`);
    await waitForLive(page);
    // Every reached step has a time, Requested included.
    const reached = page.locator("[data-step][data-state=done], [data-step][data-state=current]");
    expect(await reached.count()).toBeGreaterThan(2);
    await expect(reached.getByTestId("step-time").locator("time")).toHaveCount(await reached.count());
    for (const time of await reached.getByTestId("step-time").locator("time").all()) await expect(time).not.toHaveText("");
    await expect(page.locator("[data-step=requested] time")).not.toHaveText("");

    const grid = page.getByTestId("episode-grid");
    const legend = grid.getByTestId("episode-legend");
    await expect(legend).toContainText("Available");
    await expect(grid.getByRole("button", { name: "Episode 1, Available" })).toBeVisible();
    await expect(grid.getByTestId("season-summary-1")).toContainText("2 of 3 ready");
    await grid.locator('[data-episode="S01E03"]').tap();
    const detail = grid.getByTestId("episode-detail");
    await expect(detail).toContainText("S01E03");
    await expect(detail.locator("time")).toHaveText(/2023/);
    await expect(detail).not.toContainText("2023-10-06");

    const story = page.getByTestId("timeline").locator("li");
    const texts = (await story.locator("p:first-of-type").allTextContents()).map((t) => t.trim());
    expect(texts).toContain("Sonarr imported S01E01–E02");
    expect(texts).toContain("S01E01–E02 are in Jellyfin, ready to watch");
    expect(texts.filter((t) => t.includes("ready to watch"))).toHaveLength(1);
    expect(texts.some((t) => t.includes(`Release ${hash.slice(0, 6)}`))).toBe(false);
    // The release's name is there, behind the grab line's details.
    const grab = story.filter({ hasText: "Sonarr grabbed S01E01–E03" });
    await grab.getByText("Details").tap();
    await expect(grab.locator("dl")).toContainText(`Release ${hash.slice(0, 6)}`);

    // The headline's description says more than its badge: the badge's word is not said twice.
    const headline = (await page.getByTestId("detail-stage").textContent())?.toLowerCase() ?? "";
    const badge = (await page.getByTestId("detail-stage").locator("[data-stage]").textContent())?.trim().toLowerCase() ?? "";
    expect(badge).not.toBe("");
    expect(headline.split(badge).length - 1).toBe(1);
    await page.screenshot({ path: testInfo.outputPath("reading-detail-phone.png"), fullPage: true });
  });
});
