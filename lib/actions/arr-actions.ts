import "server-only";
import type { Db } from "@/db/client";
import type { RequestRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Clients } from "@/lib/integrations/clients";
import type { RadarrClient } from "@/lib/integrations/radarr/client";
import type { SonarrClient } from "@/lib/integrations/sonarr/client";
import { snapshot } from "@/lib/workflows/sweep/items";

function unconfigured(service: string): AppError {
  return new AppError("service_unavailable", `${service} is not configured (set its URL and API key)`);
}

async function seriesIdOf(row: RequestRow, sonarr: SonarrClient): Promise<number> {
  if (row.arrId !== null) return row.arrId;
  const found = row.tvdbId !== null ? await sonarr.seriesByTvdbId(row.tvdbId) : null;
  if (!found) throw new AppError("not_found", "Sonarr does not have this series");
  return found.id;
}

async function movieIdOf(row: RequestRow, radarr: RadarrClient): Promise<number> {
  if (row.arrId !== null) return row.arrId;
  const found = row.tmdbId !== null ? await radarr.movieByTmdbId(row.tmdbId) : null;
  if (!found) throw new AppError("not_found", "Radarr does not have this movie");
  return found.id;
}

/** Queue records of this request's unfinished downloads, blocklisted and removed with their torrents. */
async function blocklistInFlight(db: Db, row: RequestRow, arr: SonarrClient | RadarrClient): Promise<number> {
  const snap = await snapshot(db, row);
  const hashes = new Set(snap.downloads.filter((d) => d.status !== "imported").map((d) => d.hash));
  if (hashes.size === 0) return 0;
  const records = (await arr.queue()).filter((r) => r.downloadId && hashes.has(r.downloadId));
  const ids = [...new Set(records.map((r) => r.id))];
  for (const id of ids) await arr.removeQueueItem(id, { removeFromClient: true, blocklist: true });
  return ids.length;
}

/**
 * Search again: Sonarr `EpisodeSearch` for the requested episodes not yet available (`SeasonSearch` per
 * requested season when no episode is known yet), Radarr `MoviesSearch`. With `blocklist`, the release in
 * flight is blocklisted and its torrent removed first, so the search picks another one.
 */
export async function searchAgain({
  db,
  clients,
  row,
  blocklist,
}: {
  db: Db;
  clients: Clients;
  row: RequestRow;
  blocklist: boolean;
}): Promise<string> {
  if (row.mediaType === "movie") {
    const radarr = clients.radarr;
    if (!radarr) throw unconfigured("Radarr");
    const movieId = await movieIdOf(row, radarr);
    const removed = blocklist ? await blocklistInFlight(db, row, radarr) : 0;
    await radarr.searchMovies([movieId]);
    return `${removed > 0 ? `blocklisted ${removed} release${removed === 1 ? "" : "s"}, then ` : ""}asked Radarr to search for the movie`;
  }
  const sonarr = clients.sonarr;
  if (!sonarr) throw unconfigured("Sonarr");
  const seriesId = await seriesIdOf(row, sonarr);
  const removed = blocklist ? await blocklistInFlight(db, row, sonarr) : 0;
  const prefix = removed > 0 ? `blocklisted ${removed} release${removed === 1 ? "" : "s"}, then ` : "";
  const snap = await snapshot(db, row);
  const wanted = snap.episodes.filter((e) => e.stage !== "available");
  if (wanted.length > 0) {
    const known = new Map((await sonarr.episodes(seriesId)).map((e) => [`${e.seasonNumber}x${e.episodeNumber}`, e.id]));
    const ids = wanted.map((e) => e.arrEpisodeId ?? known.get(`${e.seasonNumber}x${e.episodeNumber}`)).filter((id): id is number => id !== undefined);
    if (ids.length > 0) {
      await sonarr.searchEpisodes(ids);
      return `${prefix}asked Sonarr to search for ${ids.length} episode${ids.length === 1 ? "" : "s"}`;
    }
  }
  const seasons = row.requestedSeasons.length > 0 ? row.requestedSeasons : [...new Set(snap.episodes.map((e) => e.seasonNumber))];
  if (seasons.length === 0) throw new AppError("bad_request", "No requested season or episode is known to search for");
  for (const season of seasons) await sonarr.searchSeason(seriesId, season);
  return `${prefix}asked Sonarr to search season${seasons.length === 1 ? "" : "s"} ${seasons.join(", ")}`;
}

/**
 * Retry import: `DownloadedEpisodesScan` / `DownloadedMoviesScan` for each finished, not yet imported download,
 * at the folder qBittorrent reports for it (else the path Sonarr/Radarr's queue shows).
 */
export async function retryImport({ db, clients, row }: { db: Db; clients: Clients; row: RequestRow }): Promise<string> {
  const arr = row.mediaType === "movie" ? clients.radarr : clients.sonarr;
  const name = row.mediaType === "movie" ? "Radarr" : "Sonarr";
  if (!arr) throw unconfigured(name);
  const snap = await snapshot(db, row);
  const finished = snap.downloads.filter((d) => d.status === "completed");
  if (finished.length === 0) throw new AppError("bad_request", "No finished download is waiting for import");
  const torrents = clients.qbit ? await clients.qbit.torrents(finished.map((d) => d.hash)) : [];
  const queue = torrents.length < finished.length ? await arr.queue() : [];
  const scanned: string[] = [];
  for (const d of finished) {
    const path = torrents.find((t) => t.hash === d.hash)?.content_path ?? queue.find((r) => r.downloadId === d.hash)?.outputPath ?? null;
    if (!path) continue;
    await arr.scanDownloaded(path, d.hash);
    scanned.push(path);
  }
  if (scanned.length === 0) throw new AppError("bad_request", "Neither qBittorrent nor the queue knows where the finished download is");
  return `asked ${name} to import ${scanned.length === 1 ? `"${scanned[0]}"` : `${scanned.length} folders`} again`;
}
