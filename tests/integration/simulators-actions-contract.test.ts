import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJellyfinLibrary } from "@/lib/integrations/jellyfin/library";
import { createJellyseerrAdminClient } from "@/lib/integrations/jellyseerr/requests-client";
import { createQbitClient } from "@/lib/integrations/qbittorrent/client";
import { createRadarrClient } from "@/lib/integrations/radarr/client";
import { createShokoClient } from "@/lib/integrations/shoko/client";
import { createSonarrClient } from "@/lib/integrations/sonarr/client";
import { startSimulators, type Simulators } from "../fakes/stack";
import { openApiValidator } from "../helpers/openapi";

/**
 * The deletes and commands behind the admin actions, checked three ways: every call our clients make is a
 * method, path and parameter the upstream OpenAPI document declares; the simulators record each call; and
 * Jellyseerr's request answers validate against its own OpenAPI document.
 */
type Operation = { parameters?: { name: string; in: string }[]; requestBody?: unknown };
type Spec = { paths: Record<string, Record<string, Operation>> };
const fixtures = path.join(import.meta.dirname, "../fixtures/contracts");
const spec = (file: string) => JSON.parse(readFileSync(path.join(fixtures, file), "utf8")) as Spec;
const specs = { sonarr: spec("sonarr-openapi.json"), radarr: spec("radarr-openapi.json") };
const seerrSpec = openApiValidator("jellyseerr-openapi.json");

/** "DELETE /api/v3/series/12?deleteFiles=true" → the declared operation, with every query parameter declared. */
function declared(doc: Spec, recorded: string): string[] {
  const [method, rest] = recorded.split(" ") as [string, string];
  const [pathPart, query = ""] = rest.split("?") as [string, string?];
  const template = Object.keys(doc.paths).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathPart));
  if (!template) return [`no path ${pathPart}`];
  const op = doc.paths[template]?.[method.toLowerCase()];
  if (!op) return [`no ${method} on ${template}`];
  const names = new Set((op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name));
  return [...new URLSearchParams(query).keys()].filter((k) => !names.has(k)).map((k) => `undeclared query ${k}`);
}

let sim: Simulators;
beforeAll(async () => {
  sim = await startSimulators();
  sim.sonarr.series = [{ id: 12, title: "Show", tvdbId: 81189, seriesType: "standard" }];
  sim.sonarr.episodes = [{ seriesId: 12, seasonNumber: 1, episodeNumber: 1, filePath: "/tv/Show/Season 01/S01E01.mkv" }];
  sim.sonarr.queue = [{ downloadId: "a".repeat(40), ownerId: 12 }];
  sim.radarr.movies = [{ id: 27, title: "Movie", tmdbId: 603, tags: [] }];
  sim.qbit.add({ hash: "b".repeat(40), name: "Movie", size: 10, category: "radarr", durationMs: 1000 });
  sim.jellyfin.items = [{ Id: "c".repeat(32), Name: "Movie", Type: "Movie", ProviderIds: { Tmdb: "603" } }];
  sim.shoko.files = [{ ID: 18822, Size: 1, matched: true, ImportFolderID: 2, RelativePath: "Show/E01.mkv" }];
  sim.jellyseerr.requests = [{ id: 7, type: "movie", media: { id: 70, tmdbId: 603 }, requestedBy: { id: 2, displayName: "Ana" } }];
});
afterAll(() => sim.close());

describe("Sonarr and Radarr deletes and commands are the ones their OpenAPI documents declare", () => {
  it("Sonarr: series, episode files, queue record; EpisodeSearch, SeasonSearch, DownloadedEpisodesScan", async () => {
    const sonarr = createSonarrClient({ url: sim.urls.sonarr, apiKey: sim.sonarr.apiKey, timeoutMs: 2000 });
    expect(await sonarr.deleteEpisodeFiles([10_000 * 12 + 101 + 500_000])).toBe("deleted");
    expect(await sonarr.removeQueueItem(1_487_215_533, { removeFromClient: true, blocklist: true })).toBe("deleted");
    expect(await sonarr.deleteSeries(12, { deleteFiles: true })).toBe("deleted");
    expect(await sonarr.deleteSeries(12, { deleteFiles: true })).toBe("already_gone");
    await sonarr.searchEpisodes([120_101]);
    await sonarr.searchSeason(12, 1);
    await sonarr.scanDownloaded("/downloads/complete/tv/Show.S01", "a".repeat(40));
    expect(sim.sonarr.deletes).toHaveLength(4);
    for (const call of sim.sonarr.deletes) expect(declared(specs.sonarr, call.split(" {")[0]!), call).toEqual([]);
    expect(sim.sonarr.commands).toEqual([
      { name: "EpisodeSearch", episodeIds: [120_101] },
      { name: "SeasonSearch", seriesId: 12, seasonNumber: 1 },
      { name: "DownloadedEpisodesScan", path: "/downloads/complete/tv/Show.S01", downloadClientId: "A".repeat(40), importMode: "auto" },
    ]);
  });
  it("Radarr: movie; MoviesSearch, DownloadedMoviesScan", async () => {
    const radarr = createRadarrClient({ url: sim.urls.radarr, apiKey: sim.radarr.apiKey, timeoutMs: 2000 });
    expect(await radarr.deleteMovie(27, { deleteFiles: false })).toBe("deleted");
    await radarr.searchMovies([27]);
    await radarr.scanDownloaded("/downloads/complete/radarr/Movie", null);
    expect(sim.radarr.deletes).toEqual(["DELETE /api/v3/movie/27?deleteFiles=false&addImportExclusion=false"]);
    for (const call of sim.radarr.deletes) expect(declared(specs.radarr, call), call).toEqual([]);
    expect(sim.radarr.commands.map((c) => (c as { name: string }).name)).toEqual(["MoviesSearch", "DownloadedMoviesScan"]);
  });
  it("a 500 on a delete is an error naming the service", async () => {
    sim.radarr.failDeletes = 500;
    const radarr = createRadarrClient({ url: sim.urls.radarr, apiKey: sim.radarr.apiKey, timeoutMs: 2000 });
    await expect(radarr.deleteMovie(1, { deleteFiles: true })).rejects.toThrow(/Radarr \/api\/v3\/movie\/1: HTTP 500/);
    sim.radarr.failDeletes = null;
  });
});

describe("qBittorrent, Jellyfin and Shoko deletes (contracts/*.md)", () => {
  it("qBittorrent torrents/delete sends both required fields; unknown hashes are ignored", async () => {
    const qbit = createQbitClient({ url: sim.urls.qbit, username: sim.qbit.username, password: sim.qbit.password, timeoutMs: 2000 });
    await qbit.deleteTorrents(["B".repeat(40), "9".repeat(40)], { deleteFiles: true });
    expect(sim.qbit.deletes).toEqual([`${"b".repeat(40)}|${"9".repeat(40)} deleteFiles=true`]);
    expect(sim.qbit.torrents).toEqual([]);
  });
  it("Jellyfin DELETE /Items/{id} answers 204, then 404", async () => {
    const jf = createJellyfinLibrary({ url: sim.urls.jellyfin, apiKey: sim.jellyfin.apiKey, timeoutMs: 2000 });
    expect(await jf.deleteItem("c".repeat(32))).toBe("deleted");
    expect(await jf.deleteItem("c".repeat(32))).toBe("already_gone");
    expect(sim.jellyfin.deletes).toEqual(["c".repeat(32), "c".repeat(32)]);
  });
  it("Shoko forgets the file record and leaves the file (removeFiles=false)", async () => {
    const shoko = createShokoClient({ url: sim.urls.shoko, apiKey: sim.shoko.apiKey, timeoutMs: 2000 });
    expect(await shoko.deleteFileRecord(18822)).toBe("deleted");
    expect(await shoko.deleteFileRecord(18822)).toBe("already_gone");
    expect(sim.shoko.deletes[0]).toBe("18822?removeFiles=false&removeFolder=false");
  });
});

describe("Jellyseerr simulator (contracts/jellyseerr-api.md, jellyseerr-openapi.yml)", () => {
  const key = () => ({ "X-Api-Key": sim.jellyseerr.apiKey });
  it("answers /request and /request/{id} as the OpenAPI document says; 403 without the key", async () => {
    const list = await fetch(`${sim.urls.jellyseerr}/api/v1/request?take=20&skip=0&sort=added`, { headers: key() });
    expect(seerrSpec("get", "/request", await list.json())).toEqual([]);
    const one = await fetch(`${sim.urls.jellyseerr}/api/v1/request/7`, { headers: key() });
    expect(seerrSpec("get", "/request/{requestId}", await one.json())).toEqual([]);
    expect((await fetch(`${sim.urls.jellyseerr}/api/v1/request`)).status).toBe(403);
  });
  it("our client reads and deletes requests and media", async () => {
    const seerr = createJellyseerrAdminClient({ url: sim.urls.jellyseerr, apiKey: sim.jellyseerr.apiKey, timeoutMs: 2000 });
    expect((await seerr.requestPage({ skip: 0, take: 50 })).results[0]).toMatchObject({
      id: 7,
      media: { id: 70, tmdbId: 603 },
      requestedBy: { displayName: "Ana" },
    });
    expect(await seerr.requestById(7)).toMatchObject({ id: 7 });
    expect(await seerr.requestById(8)).toBeNull();
    expect(await seerr.deleteRequest(7)).toBe("deleted");
    expect(await seerr.deleteMedia(70)).toBe("deleted");
    expect(await seerr.deleteMedia(70)).toBe("already_gone");
    expect(sim.jellyseerr.deletes).toEqual(["DELETE /api/v1/request/7", "DELETE /api/v1/media/70", "DELETE /api/v1/media/70"]);
  });
});
