import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDb } from "@/db/client";
import { runSweep } from "@/lib/workflows/sweep/sweep";
import { detail, onlyRequest, resetTables } from "../helpers/db";
import { jellyseerr } from "../helpers/payloads";
import { qbitInstalled } from "../helpers/qbittorrent";
import { hours, startWorld, type World } from "../helpers/sweep-world";
import { postWebhook } from "../helpers/webhooks";

/** Webhooks after the request are all lost: the sweep alone must bring each of the four flows to available. */
describe.skipIf(!qbitInstalled)("fallback sweep recovers every missed webhook of the four flows", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(mkdtempSync(path.join(tmpdir(), "sweep-")));
  }, 60_000);
  afterAll(async () => world?.stop(), 30_000);
  beforeEach(async () => {
    await resetTables();
    for (const arr of [world.sonarr, world.radarr]) Object.assign(arr, { movies: [], series: [], queue: [], history: [] });
    Object.assign(world.jellyfin, { items: [], mediaUpdated: [], refreshes: 0 });
    world.shoko.files = [];
  });

  async function events(): Promise<string[]> {
    return (await detail((await onlyRequest()).id)).timeline.map((t) => t.event);
  }

  it("regular movie: grab, finished download, import and library all recovered in one sweep", async () => {
    await postWebhook("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 57, tmdbId: 603, subject: "The Matrix (1999)" }));
    const hash = await world.completeTorrent("The.Matrix.1999.mkv");
    world.radarr.movies = [{ id: 27, title: "The Matrix", tmdbId: 603, tags: [] }];
    world.radarr.history = [
      {
        ownerId: 27,
        eventType: "downloadFolderImported",
        downloadId: hash.toUpperCase(),
        importedPath: "/movies/The Matrix (1999)/The Matrix (1999).mkv",
      },
      { ownerId: 27, eventType: "grabbed", downloadId: hash.toUpperCase(), sourceTitle: "The.Matrix.1999.1080p" },
    ];
    world.jellyfin.items = [
      {
        Id: "a1b2",
        Name: "The Matrix",
        Type: "Movie",
        ProviderIds: { Tmdb: "603", Imdb: "tt0133093" },
        Path: "/movies/The Matrix (1999)/The Matrix (1999).mkv",
        playable: true,
      },
    ];

    const report = await runSweep({ db: await getDb(), clients: world.clients, now: hours(3) });
    expect(report.errors).toEqual([]);
    expect((await onlyRequest()).stage).toBe("available");
    // The import in the history proves the download finished, so no separate "finished" step is needed.
    expect(await events()).toEqual(["request.approved", "release.grabbed", "release.imported", "library.verified"]);
    const again = await runSweep({ db: await getDb(), clients: world.clients, now: hours(4) });
    expect(again).toMatchObject({ checked: 0, advanced: 0, attention: 0 });
  });

  it("regular tv: each episode follows its own download and Jellyfin entry", async () => {
    await postWebhook(
      "jellyseerr",
      jellyseerr("MEDIA_AUTO_APPROVED", {
        requestId: 58,
        mediaType: "tv",
        tmdbId: 1396,
        tvdbId: 81189,
        seasons: [1],
        subject: "Breaking Bad (2008)",
      }),
    );
    const hash = await world.completeTorrent("Breaking.Bad.S01.mkv");
    world.sonarr.series = [{ id: 12, title: "Breaking Bad", tvdbId: 81189, seriesType: "standard" }];
    const ep = (n: number) => ({ seasonNumber: 1, episodeNumber: n, tvdbId: 349232 + n });
    world.sonarr.history = [
      ...[1, 2].map((n) => ({
        ownerId: 12,
        eventType: "downloadFolderImported" as const,
        downloadId: hash.toUpperCase(),
        importedPath: `/tv/Breaking Bad/Season 01/S01E0${n}.mkv`,
        episode: ep(n),
      })),
      ...[1, 2].map((n) => ({ ownerId: 12, eventType: "grabbed" as const, downloadId: hash.toUpperCase(), episode: ep(n) })),
    ];
    world.jellyfin.items = [
      { Id: "s1", Name: "Breaking Bad", Type: "Series", ProviderIds: { Tvdb: "81189", Tmdb: "1396" } },
      {
        Id: "e1",
        Name: "Pilot",
        Type: "Episode",
        SeriesId: "s1",
        ParentIndexNumber: 1,
        IndexNumber: 1,
        Path: "/tv/Breaking Bad/Season 01/S01E01.mkv",
        playable: true,
      },
    ];

    await runSweep({ db: await getDb(), clients: world.clients, now: hours(3) });
    // The headline is the episode still on its way, with the counts beside it.
    expect(await onlyRequest()).toMatchObject({ stage: "importing", episodeCounts: { available: 1, importing: 1 } });
    world.jellyfin.items.push({
      Id: "e2",
      Name: "Cat's in the Bag",
      Type: "Episode",
      SeriesId: "s1",
      ParentIndexNumber: 1,
      IndexNumber: 2,
      Path: "/tv/Breaking Bad/Season 01/S01E02.mkv",
      playable: true,
    });
    await runSweep({ db: await getDb(), clients: world.clients, now: hours(5) });
    expect((await onlyRequest()).stage).toBe("available");
  });

  it("anime movie: waits on Shoko, says what it checked, then finds the Shokofin item by title", async () => {
    await postWebhook("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 59, tmdbId: 916224, subject: "Suzume (2022)" }));
    const hash = await world.completeTorrent("Suzume.2022.mkv");
    world.radarr.movies = [{ id: 31, title: "Suzume", tmdbId: 916224, tags: [1] }];
    world.radarr.history = [
      { ownerId: 31, eventType: "downloadFolderImported", downloadId: hash.toUpperCase(), importedPath: "/anime/Suzume (2022)/Suzume (2022).mkv" },
      { ownerId: 31, eventType: "grabbed", downloadId: hash.toUpperCase() },
    ];
    world.shoko.files = [{ ID: 18822, Size: 262144, matched: false, ImportFolderID: 2, RelativePath: "Suzume (2022)/Suzume (2022).mkv" }];

    await runSweep({ db: await getDb(), clients: world.clients, now: hours(3) });
    expect(await onlyRequest()).toMatchObject({ stage: "anime_matching", isAnime: true, attentionKind: null });
    await runSweep({ db: await getDb(), clients: world.clients, now: hours(4) });
    expect(await onlyRequest()).toMatchObject({
      attentionKind: "match_failed",
      attentionReason: "Shoko has Suzume (2022).mkv but has not matched it to AniDB",
    });

    world.shoko.files[0]!.matched = true;
    await runSweep({ db: await getDb(), clients: world.clients, now: hours(5) });
    const waiting = await onlyRequest();
    expect(waiting.attentionKind).toBe("not_found_in_library");
    expect(waiting.attentionReason).toContain("Shoko matched Suzume (2022).mkv");
    expect(world.jellyfin.mediaUpdated).toEqual([]);
    expect(world.jellyfin.refreshes).toBe(0);

    world.jellyfin.items = [
      {
        Id: "m9",
        Name: "Suzume",
        Type: "Movie",
        ProviderIds: { "Shoko Series": "1193", AniDB: "17617" },
        Path: "/vfs/Suzume/Movie.mkv",
        playable: true,
      },
    ];
    await runSweep({ db: await getDb(), clients: world.clients, now: hours(6) });
    expect(await onlyRequest()).toMatchObject({ stage: "available", attentionKind: null });
  });

  it("anime tv: Shokofin series without a Tvdb id is found by its title", async () => {
    await postWebhook(
      "jellyseerr",
      jellyseerr("MEDIA_AUTO_APPROVED", {
        requestId: 60,
        mediaType: "tv",
        tmdbId: 209867,
        tvdbId: 424536,
        seasons: [1],
        subject: "Sousou no Frieren (2023)",
      }),
    );
    const hash = await world.completeTorrent("Frieren.05.mkv");
    world.sonarr.series = [{ id: 40, title: "Sousou no Frieren", tvdbId: 424536, seriesType: "anime" }];
    const episode = { seasonNumber: 1, episodeNumber: 5, tvdbId: 9_805_005 };
    world.sonarr.history = [
      {
        ownerId: 40,
        eventType: "downloadFolderImported",
        downloadId: hash.toUpperCase(),
        importedPath: "/anime/Sousou no Frieren/S01E05.mkv",
        episode,
      },
      { ownerId: 40, eventType: "grabbed", downloadId: hash.toUpperCase(), episode },
    ];
    world.jellyfin.items = [
      { Id: "fs", Name: "Sousou no Frieren", Type: "Series", ProviderIds: { "Shoko Series": "1193", AniDB: "17617" } },
      {
        Id: "f5",
        Name: "Episode 5",
        Type: "Episode",
        SeriesId: "fs",
        ParentIndexNumber: 1,
        IndexNumber: 5,
        Path: "/vfs/Frieren/S01E05.mkv",
        playable: true,
      },
    ];
    await runSweep({ db: await getDb(), clients: world.clients, now: hours(3) });
    expect(await onlyRequest()).toMatchObject({ stage: "available", isAnime: true });
    expect(await events()).toContain("release.imported");
  });

  it("a regular movie missing from Jellyfin gets a targeted rescan and an attention naming what was checked", async () => {
    await postWebhook("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 61, tmdbId: 603, subject: "The Matrix (1999)" }));
    const hash = await world.completeTorrent("Matrix.again.mkv");
    world.radarr.movies = [{ id: 27, title: "The Matrix", tmdbId: 603, tags: [] }];
    world.radarr.history = [
      { ownerId: 27, eventType: "downloadFolderImported", downloadId: hash.toUpperCase(), importedPath: "/movies/M/M.mkv" },
      { ownerId: 27, eventType: "grabbed", downloadId: hash.toUpperCase() },
    ];
    world.jellyfin.items = [{ Id: "x", Name: "The Matrix", Type: "Movie", ProviderIds: { Tmdb: "603" } }];
    await runSweep({ db: await getDb(), clients: world.clients, now: hours(3) });
    await runSweep({ db: await getDb(), clients: world.clients, now: hours(5) });
    const request = await onlyRequest();
    expect(request).toMatchObject({ stage: "importing", attentionKind: "not_found_in_library" });
    expect(request.attentionReason).toBe(
      'Not found in Jellyfin: looked up tmdb 603 in Jellyfin: found "The Matrix" but it has no playable file; asked Jellyfin to rescan /movies/M/M.mkv',
    );
    expect(world.jellyfin.mediaUpdated).toEqual(["/movies/M/M.mkv"]);
  });
});
