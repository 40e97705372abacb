import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDb } from "@/db/client";
import { stageThresholds } from "@/db/schema";
import { detail, onlyRequest, resetTables } from "../helpers/db";
import { runEmbeddedUntil } from "../helpers/embedded-clock";
import { jellyseerr } from "../helpers/payloads";
import { qbitInstalled } from "../helpers/qbittorrent";
import { startWorld, type World } from "../helpers/sweep-world";
import { postWebhook } from "../helpers/webhooks";

const MIN = 60_000;
const BOUND = 3 * MIN;

/**
 * Every webhook but Jellyseerr's is switched off. With the default thresholds and intervals, the embedded
 * runner (no Inngest) must find the grab and the import in the Sonarr/Radarr history, the finished torrent in
 * qBittorrent and the item in Jellyfin, and call it available within 3 minutes of it becoming playable.
 */
describe.skipIf(!qbitInstalled)("webhooks off: playable → available within 3 minutes, embedded", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(mkdtempSync(path.join(tmpdir(), "recovery-")));
  }, 60_000);
  afterAll(async () => world?.stop(), 30_000);
  beforeEach(async () => {
    await resetTables();
    expect(await (await getDb()).select().from(stageThresholds)).toEqual([]); // the defaults
    for (const arr of [world.sonarr, world.radarr]) Object.assign(arr, { movies: [], series: [], queue: [], history: [], episodes: [] });
    Object.assign(world.jellyfin, { items: [], mediaUpdated: [], refreshes: 0 });
  });

  // Playable at awkward moments: just after a sweep, just before one.
  for (const playableAtMs of [4 * MIN + 5000, 5 * MIN + 55_000]) {
    it(`a movie playable at ${playableAtMs / 1000} s is available within 3 min`, async () => {
      await postWebhook("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 70, tmdbId: 603, subject: "The Matrix (1999)" }));
      const hash = await world.completeTorrent(`Matrix-${playableAtMs}.mkv`);
      world.radarr.movies = [{ id: 27, title: "The Matrix", tmdbId: 603, tags: [] }];
      const file = "/movies/The Matrix (1999)/The Matrix (1999).mkv";
      const result = await runEmbeddedUntil({
        clients: world.clients,
        start: new Date(),
        limitMs: playableAtMs + 10 * MIN,
        world: (t) => {
          if (t === 30_000)
            world.radarr.history.unshift({ ownerId: 27, eventType: "grabbed", downloadId: hash.toUpperCase(), sourceTitle: "The.Matrix.1999.1080p" });
          if (t === playableAtMs - 20_000)
            world.radarr.history.unshift({ ownerId: 27, eventType: "downloadFolderImported", downloadId: hash.toUpperCase(), importedPath: file });
          if (t === playableAtMs)
            world.jellyfin.items = [{ Id: "m1", Name: "The Matrix", Type: "Movie", ProviderIds: { Tmdb: "603" }, Path: file, playable: true }];
        },
        done: async () => (await onlyRequest()).stage === "available",
      });
      expect(result.elapsedMs).not.toBeNull();
      const took = (result.elapsedMs ?? Infinity) - playableAtMs;
      console.info(`movie: playable at ${playableAtMs / 1000} s, available ${took / 1000} s later`);
      expect(took).toBeLessThanOrEqual(BOUND);
      expect((await detail((await onlyRequest()).id)).timeline.map((t) => t.event)).toEqual([
        "request.approved",
        "release.grabbed",
        "download.completed",
        "release.imported",
        "library.verified",
      ]);
    }, 120_000);
  }

  it("a tv episode is available within 3 min; the unaired one keeps the request partly available", async () => {
    await postWebhook(
      "jellyseerr",
      jellyseerr("MEDIA_AUTO_APPROVED", {
        requestId: 71,
        mediaType: "tv",
        tmdbId: 1396,
        tvdbId: 81189,
        seasons: [1],
        subject: "Breaking Bad (2008)",
      }),
    );
    const hash = await world.completeTorrent("BB.S01E01.mkv");
    const start = new Date();
    const later = new Date(start.getTime() + 7 * 86_400_000).toISOString();
    world.sonarr.series = [{ id: 12, title: "Breaking Bad", tvdbId: 81189, seriesType: "standard" }];
    world.sonarr.episodes = [
      { seriesId: 12, seasonNumber: 1, episodeNumber: 1, tvdbId: 349232, airDateUtc: "2008-01-20T02:00:00Z" },
      { seriesId: 12, seasonNumber: 1, episodeNumber: 2, tvdbId: 349233, airDateUtc: later },
    ];
    const ep = { seasonNumber: 1, episodeNumber: 1, tvdbId: 349232 };
    const file = "/tv/Breaking Bad/Season 01/S01E01.mkv";
    const playableAtMs = 6 * MIN + 10_000;
    const result = await runEmbeddedUntil({
      clients: world.clients,
      start,
      limitMs: playableAtMs + 10 * MIN,
      world: (t) => {
        if (t === 45_000) world.sonarr.history.unshift({ ownerId: 12, eventType: "grabbed", downloadId: hash.toUpperCase(), episode: ep });
        if (t === playableAtMs - 30_000)
          world.sonarr.history.unshift({
            ownerId: 12,
            eventType: "downloadFolderImported",
            downloadId: hash.toUpperCase(),
            importedPath: file,
            episode: ep,
          });
        if (t === playableAtMs) {
          world.jellyfin.items = [
            { Id: "s1", Name: "Breaking Bad", Type: "Series", ProviderIds: { Tvdb: "81189", Tmdb: "1396" } },
            { Id: "e1", Name: "Pilot", Type: "Episode", SeriesId: "s1", ParentIndexNumber: 1, IndexNumber: 1, Path: file, playable: true },
          ];
        }
      },
      done: async () => (await onlyRequest()).episodeCounts?.available === 1,
    });
    const took = (result.elapsedMs ?? Infinity) - playableAtMs;
    console.info(`tv episode: available ${took / 1000} s after it became playable`);
    expect(took).toBeLessThanOrEqual(BOUND);
    expect(await onlyRequest()).toMatchObject({ stage: "partially_available", episodeCounts: { available: 1, not_aired: 1 } });
  }, 120_000);
});
