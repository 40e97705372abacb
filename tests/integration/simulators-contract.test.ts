import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJellyfinLibrary } from "@/lib/integrations/jellyfin/library";
import { createQbitClient } from "@/lib/integrations/qbittorrent/client";
import { createRadarrClient } from "@/lib/integrations/radarr/client";
import { createShokoClient } from "@/lib/integrations/shoko/client";
import { createSonarrClient } from "@/lib/integrations/sonarr/client";
import { startSimulators, type Simulators } from "../fakes/stack";
import { contract } from "../helpers/contracts";
import { openApiValidator } from "../helpers/openapi";

/**
 * Every simulator endpoint our clients call, answered from realistic state, checked twice: against the
 * upstream contract (Sonarr's and Radarr's OpenAPI documents; the qBittorrent, Jellyfin and Shoko docs in
 * contracts/*.md) and through our own clients' zod schemas. A simulator that drifts fails here.
 */
let sim: Simulators;
const HASH = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c";
const STALLED = "3f4e5d6c7b8a99887766554433221100ffeeddcc";
const sonarrSpec = openApiValidator("sonarr-openapi.json");
const radarrSpec = openApiValidator("radarr-openapi.json");

beforeAll(async () => {
  sim = await startSimulators();
  sim.qbit.add({
    hash: HASH,
    name: "Show.S01.1080p",
    size: 4_000_000_000,
    category: "tv-sonarr",
    durationMs: 600_000,
    addedAt: Date.now() - 300_000,
  });
  sim.qbit.add({
    hash: STALLED,
    name: "Movie.2024.1080p.mkv",
    size: 2_000_000_000,
    category: "radarr",
    durationMs: 10_000,
    stallAt: 0.37,
    addedAt: Date.now() - 20_000,
  });
  sim.sonarr.series = [{ id: 12, title: "Show", tvdbId: 81189, seriesType: "standard" }];
  sim.sonarr.episodes = [
    { seriesId: 12, seasonNumber: 1, episodeNumber: 1, tvdbId: 349233, filePath: "/tv/Show/Season 01/S01E01.mkv" },
    { seriesId: 12, seasonNumber: 1, episodeNumber: 2 },
  ];
  sim.sonarr.queue = [
    {
      downloadId: HASH,
      ownerId: 12,
      episode: { seasonNumber: 1, episodeNumber: 2 },
      trackedDownloadState: "importBlocked",
      trackedDownloadStatus: "warning",
      status: "completed",
      statusMessages: [{ title: "S01E02.mkv", messages: ["No files found are eligible for import"] }],
    },
  ];
  sim.sonarr.history = [
    {
      ownerId: 12,
      eventType: "downloadFolderImported",
      downloadId: HASH.toUpperCase(),
      importedPath: "/tv/Show/Season 01/S01E01.mkv",
      episode: { seasonNumber: 1, episodeNumber: 1, tvdbId: 349233 },
    },
    { ownerId: 12, eventType: "grabbed", downloadId: HASH.toUpperCase(), episode: { seasonNumber: 1, episodeNumber: 1, tvdbId: 349233 } },
  ];
  sim.radarr.movies = [{ id: 27, title: "Movie", tmdbId: 603, tags: [1], filePath: "/movies/Movie (2024)/Movie (2024).mkv" }];
  sim.radarr.queue = [
    {
      downloadId: STALLED,
      ownerId: 27,
      status: "warning",
      trackedDownloadStatus: "warning",
      statusMessages: [{ title: "Movie.2024.1080p.mkv", messages: ["The download is stalled with no connections"] }],
    },
  ];
  sim.radarr.history = [{ ownerId: 27, eventType: "grabbed", downloadId: STALLED.toUpperCase(), sourceTitle: "Movie.2024.1080p" }];
  sim.jellyfin.items = [
    { Id: "a".repeat(32), Name: "Movie", Type: "Movie", ProviderIds: { Tmdb: "603" }, Path: "/movies/Movie (2024)/Movie (2024).mkv", playable: true },
    { Id: "b".repeat(32), Name: "Show", Type: "Series", ProviderIds: { Tvdb: "81189" } },
    {
      Id: "c".repeat(32),
      Name: "Pilot",
      Type: "Episode",
      SeriesId: "b".repeat(32),
      ParentIndexNumber: 1,
      IndexNumber: 1,
      Path: "/tv/Show/Season 01/S01E01.mkv",
      playable: true,
    },
  ];
  sim.shoko.files = [
    { ID: 18822, Size: 1_439_825_920, matched: true, ImportFolderID: 2, RelativePath: "Frieren/Season 1/E05.mkv" },
    { ID: 18823, Size: 1_439_825_920, matched: false, ImportFolderID: 2, RelativePath: "Frieren/Season 1/E06.mkv" },
  ];
});
afterAll(() => sim.close());

async function get(base: string, path: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(base + path, { headers });
  expect(res.status, path).toBe(200);
  return res.json();
}

describe("Sonarr and Radarr simulators answer as their OpenAPI documents say", () => {
  const arr = (key: string) => ({ "X-Api-Key": key });
  it.each([
    ["get", "/api/v3/system/status", ""],
    ["get", "/api/v3/queue", "?page=1&pageSize=200"],
    ["get", "/api/v3/history", `?downloadId=${HASH.toUpperCase()}&page=1&pageSize=250&includeEpisode=true`],
    ["get", "/api/v3/history/series", "?seriesId=12&includeEpisode=true"],
    ["get", "/api/v3/series", "?tvdbId=81189"],
    ["get", "/api/v3/episode", "?seriesId=12&includeEpisodeFile=true"],
  ] as const)("Sonarr %s %s", async (method, path, query) => {
    expect(sonarrSpec(method, path, await get(sim.urls.sonarr, path + query, arr(sim.sonarr.apiKey)))).toEqual([]);
  });
  it.each([
    ["get", "/api/v3/system/status", ""],
    ["get", "/api/v3/queue", "?page=1&pageSize=200"],
    ["get", "/api/v3/history", `?downloadId=${STALLED.toUpperCase()}&page=1&pageSize=250`],
    ["get", "/api/v3/history/movie", "?movieId=27"],
    ["get", "/api/v3/movie", "?tmdbId=603"],
    ["get", "/api/v3/tag", ""],
  ] as const)("Radarr %s %s", async (method, path, query) => {
    expect(radarrSpec(method, path, await get(sim.urls.radarr, path + query, arr(sim.radarr.apiKey)))).toEqual([]);
  });
  it("POST /api/v3/command answers 201 with a CommandResource on both", async () => {
    for (const [url, key, spec] of [
      [sim.urls.sonarr, sim.sonarr.apiKey, sonarrSpec],
      [sim.urls.radarr, sim.radarr.apiKey, radarrSpec],
    ] as const) {
      const res = await fetch(`${url}/api/v3/command`, {
        method: "POST",
        headers: { ...arr(key), "Content-Type": "application/json" },
        body: JSON.stringify({ name: "RefreshMonitoredDownloads" }),
      });
      expect(res.status).toBe(201);
      expect(spec("post", "/api/v3/command", await res.json())).toEqual([]);
    }
  });
  it("refuses a wrong api key", async () => {
    expect((await fetch(`${sim.urls.sonarr}/api/v3/queue`, { headers: arr("wrong") })).status).toBe(401);
  });
  it("our Sonarr and Radarr clients parse every answer", async () => {
    const sonarr = createSonarrClient({ url: sim.urls.sonarr, apiKey: sim.sonarr.apiKey, timeoutMs: 2000 });
    const radarr = createRadarrClient({ url: sim.urls.radarr, apiKey: sim.radarr.apiKey, timeoutMs: 2000 });
    expect((await sonarr.status()).version).toMatch(/^4\./);
    expect(await sonarr.queue()).toMatchObject([{ trackedDownloadState: "importBlocked", downloadId: HASH }]);
    expect((await sonarr.historyForDownload(HASH)).map((r) => r.eventType)).toEqual(["downloadFolderImported", "grabbed"]);
    expect(await sonarr.seriesByTvdbId(81189)).toMatchObject({ id: 12, seriesType: "standard" });
    expect((await sonarr.episodes(12)).map((e) => e.hasFile)).toEqual([true, false]);
    expect((await sonarr.seriesHistory(12))[0]?.episode).toMatchObject({ seasonNumber: 1, episodeNumber: 1 });
    expect(await sonarr.command({ name: "RefreshMonitoredDownloads" })).toMatchObject({ name: "RefreshMonitoredDownloads" });
    expect(await radarr.movieByTmdbId(603)).toMatchObject({ id: 27, hasFile: true });
    expect(await radarr.tagLabels([1])).toEqual(["anime"]);
    expect((await radarr.movieHistory(27))[0]).toMatchObject({ eventType: "grabbed" });
    expect((await radarr.queue())[0]?.statusMessages[0]?.messages[0]).toContain("stalled");
  });
});

describe("qBittorrent simulator is qBittorrent 4.5.2 (contracts/qbittorrent.md)", () => {
  const fixtureKeys = Object.keys(contract<Record<string, unknown>[]>("qbit-torrents-info")[0]!);
  async function login(password: string) {
    return fetch(`${sim.urls.qbit}/api/v2/auth/login`, { method: "POST", body: new URLSearchParams({ username: sim.qbit.username, password }) });
  }
  it("logs in with Ok. and a SID cookie, says Fails. for a wrong password, and 403s without a session", async () => {
    const bad = await login("wrong");
    expect([bad.status, await bad.text()]).toEqual([200, "Fails."]);
    expect((await fetch(`${sim.urls.qbit}/api/v2/torrents/info`)).status).toBe(403);
    const ok = await login(sim.qbit.password);
    expect(await ok.text()).toBe("Ok.");
    expect(ok.headers.get("set-cookie")).toMatch(/^SID=[^;]+; HttpOnly/);
  });
  it("answers torrents/info with exactly the 49 keys of 4.5.2, sorted, with the contract's types", async () => {
    const cookie = ((await login(sim.qbit.password)).headers.get("set-cookie") ?? "").split(";")[0]!;
    const res = await fetch(`${sim.urls.qbit}/api/v2/torrents/info?hashes=${HASH.toUpperCase()}%7C${STALLED}%7C${"9".repeat(40)}`, {
      headers: { cookie },
    });
    const list = (await res.json()) as Record<string, unknown>[];
    const template = contract<Record<string, unknown>[]>("qbit-torrents-info")[0]!;
    expect(list).toHaveLength(2);
    for (const t of list) {
      expect(Object.keys(t)).toEqual([...fixtureKeys].sort());
      for (const key of fixtureKeys) expect(typeof t[key], key).toBe(typeof template[key]);
    }
    const [moving, stalled] = list;
    expect(moving).toMatchObject({ hash: HASH, state: "downloading", infohash_v2: "" });
    expect(moving!.progress).toBeGreaterThan(0.4);
    expect(moving!.progress).toBeLessThan(0.6);
    expect(stalled).toMatchObject({ state: "stalledDL", dlspeed: 0, eta: 8_640_000, num_seeds: 0, progress: 0.37 });
  });
  it("our client logs in, reads the version and parses the torrents", async () => {
    const client = createQbitClient({ url: sim.urls.qbit, username: sim.qbit.username, password: sim.qbit.password, timeoutMs: 2000 });
    expect(await client.version()).toBe("v4.5.2");
    expect((await client.torrents([HASH.toUpperCase()])).map((t) => t.state)).toEqual(["downloading"]);
    const wrong = createQbitClient({ url: sim.urls.qbit, username: "admin", password: "nope", timeoutMs: 2000 });
    await expect(wrong.version()).rejects.toThrow(/rejected/);
  });
  it("finishes a torrent as stalledUP at progress 1", () => {
    const done = sim.qbit.info({ hash: "1".repeat(40), name: "x", size: 10, category: "radarr", addedAt: Date.now() - 5000, durationMs: 1000 });
    expect(done).toMatchObject({ progress: 1, state: "stalledUP", amount_left: 0, eta: 8_640_000, content_path: "/downloads/complete/radarr/x" });
  });
});

describe("Jellyfin simulator (contracts/jellyfin.md Part B)", () => {
  const dtoKeys = new Set([
    "Name",
    "ServerId",
    "Id",
    "Type",
    "Path",
    "ProviderIds",
    "SeriesId",
    "SeriesName",
    "SeasonId",
    "SeasonName",
    "IndexNumber",
    "IndexNumberEnd",
    "ParentIndexNumber",
    "ProductionYear",
    "PremiereDate",
    "RunTimeTicks",
    "IsFolder",
    "LocationType",
    "MediaType",
    "ImageTags",
    "DateCreated",
    "MediaSources",
  ]);
  const auth = () => ({ Authorization: `MediaBrowser Client="t", Device="t", DeviceId="t", Version="1", Token="${sim.jellyfin.apiKey}"` });
  it("answers QueryResult<BaseItemDto> in PascalCase, ProviderIds and Path only when asked for", async () => {
    const page = (await get(sim.urls.jellyfin, "/Items?Recursive=true&IncludeItemTypes=Movie&HasTmdbId=true&Fields=ProviderIds,Path", auth())) as {
      Items: Record<string, unknown>[];
      TotalRecordCount: number;
      StartIndex: number;
    };
    expect(Object.keys(page).sort()).toEqual(["Items", "StartIndex", "TotalRecordCount"]);
    expect(page.Items[0]).toMatchObject({ Id: "a".repeat(32), Type: "Movie", ProviderIds: { Tmdb: "603" }, Path: expect.any(String) });
    for (const item of page.Items) for (const k of Object.keys(item)) expect(dtoKeys.has(k), k).toBe(true);
    const bare = (await get(sim.urls.jellyfin, "/Items?Recursive=true&IncludeItemTypes=Movie", auth())) as { Items: Record<string, unknown>[] };
    expect(bare.Items[0]).not.toHaveProperty("ProviderIds");
    expect((await fetch(`${sim.urls.jellyfin}/Items`)).status).toBe(401);
  });
  it("our library client finds movies, series and episodes and posts scans (204)", async () => {
    const jf = createJellyfinLibrary({ url: sim.urls.jellyfin, apiKey: sim.jellyfin.apiKey, timeoutMs: 2000 });
    expect((await jf.publicInfo()).version).toBe("10.11.11");
    expect((await jf.findMovie({ tmdbId: 603, imdbId: null, title: null }))?.Id).toBe("a".repeat(32));
    expect((await jf.findSeries({ tvdbId: 81189, tmdbId: null, title: null }))?.Name).toBe("Show");
    expect((await jf.episodes("b".repeat(32))).map((e) => e.IndexNumber)).toEqual([1]);
    await jf.reportCreated(["/tv/Show/Season 01/S01E02.mkv"]);
    await jf.refreshAll();
    expect(sim.jellyfin.mediaUpdated).toContain("/tv/Show/Season 01/S01E02.mkv");
  });
});

describe("Shoko simulator (contracts/shoko.md §4)", () => {
  const fileKeys = ["ID", "Size", "IsVariation", "IsIgnored", "Imported", "Locations"];
  it("answers File, PathEndsWith and ImportFolder in PascalCase; RelativePath without the leading separator", async () => {
    const key = { apikey: sim.shoko.apiKey };
    const found = (await get(
      sim.urls.shoko,
      `/api/v3/File/PathEndsWith?path=${encodeURIComponent("season 1/e06.mkv")}&includeXRefs=true&limit=5`,
      key,
    )) as Record<string, unknown>[];
    expect(found).toHaveLength(1);
    expect(Object.keys(found[0]!)).toEqual(fileKeys);
    expect(found[0]).toMatchObject({
      ID: 18823,
      Imported: null,
      Locations: [{ FileID: 18823, ImportFolderID: 2, RelativePath: "Frieren/Season 1/E06.mkv", IsAccessible: true }],
    });
    expect(await get(sim.urls.shoko, "/api/v3/File/18822?include=XRefs", key)).toMatchObject({ ID: 18822, Imported: expect.any(String) });
    expect(await get(sim.urls.shoko, "/api/v3/ImportFolder/2", key)).toEqual({ ID: 2, Name: "Anime", Path: "/anime" });
    expect(await get(sim.urls.shoko, "/api/v3/Init/Version", {})).toMatchObject({ Server: { Version: expect.stringMatching(/^5\./) } });
  });
  it("our Shoko client parses them", async () => {
    const shoko = createShokoClient({ url: sim.urls.shoko, apiKey: sim.shoko.apiKey, timeoutMs: 2000 });
    expect(await shoko.version()).toMatch(/^5\./);
    expect((await shoko.filesByPathEnding("Season 1/E05.mkv"))[0]?.Imported).toBeTruthy();
    expect((await shoko.file(18823)).Imported).toBeFalsy();
    expect((await shoko.importFolder(2)).Path).toBe("/anime");
  });
});
