import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { episodes as episodesTable, requests, type EpisodeRow, type RequestRow } from "@/db/schema";
import { listImports } from "@/db/queries/workflows";
import type { AvailabilityConfirmedEvent, EpisodeNumber } from "@/lib/domain/events";
import { applyTrackerEvents } from "@/lib/ingest/tracker";
import type { Clients } from "@/lib/integrations/clients";
import { isPlayable, type JellyfinItem } from "@/lib/integrations/jellyfin/library-schema";

export type VerifyOutcome = { status: "available" | "missing" | "unknown"; checked: string };

const waiting = new Set(["importing", "anime_matching", "downloaded"]);

async function load(db: Db, requestId: number): Promise<{ row: RequestRow; episodes: EpisodeRow[] } | null> {
  const [row] = await db.select().from(requests).where(eq(requests.id, requestId));
  if (!row) return null;
  return { row, episodes: await db.select().from(episodesTable).where(eq(episodesTable.requestId, requestId)) };
}

function covers(item: JellyfinItem, ep: EpisodeNumber): boolean {
  if (item.ParentIndexNumber !== ep.seasonNumber || item.IndexNumber === null || item.IndexNumber === undefined) return false;
  const end = item.IndexNumberEnd ?? item.IndexNumber;
  return ep.episodeNumber >= item.IndexNumber && ep.episodeNumber <= end;
}

function idsText(row: RequestRow): string {
  const ids = [row.tmdbId !== null ? `tmdb ${row.tmdbId}` : null, row.tvdbId !== null ? `tvdb ${row.tvdbId}` : null, row.imdbId].filter(Boolean);
  return ids.length > 0 ? ids.join(", ") : `the title "${row.title}"`;
}

/** Looks the request's waiting items up in Jellyfin; what it finds playable becomes available. */
export async function verifyAvailability({ db, clients, requestId }: { db: Db; clients: Clients; requestId: number }): Promise<VerifyOutcome> {
  const loaded = await load(db, requestId);
  if (!loaded) return { status: "unknown", checked: "the request no longer exists" };
  const { row } = loaded;
  if (row.stage === "available") return { status: "available", checked: "already available" };
  if (!clients.jellyfin) return { status: "unknown", checked: "Jellyfin is not configured" };
  const event = row.mediaType === "movie" ? await findMovie(row, clients) : await findEpisodes(row, loaded.episodes, clients);
  if (event.found) await applyTrackerEvents({ db, source: "tracker", events: [event.found] });
  const after = await load(db, requestId);
  return { status: after?.row.stage === "available" ? "available" : "missing", checked: event.checked };
}

async function findMovie(row: RequestRow, clients: Clients): Promise<{ found: AvailabilityConfirmedEvent | null; checked: string }> {
  const item = await clients.jellyfin!.findMovie({ tmdbId: row.tmdbId, imdbId: row.imdbId, title: row.title });
  const checked = `looked up ${idsText(row)} in Jellyfin`;
  if (!item) return { found: null, checked: `${checked}: no such movie` };
  if (!isPlayable(item)) return { found: null, checked: `${checked}: found "${item.Name ?? item.Id}" but it has no playable file` };
  return {
    found: { type: "availability.confirmed", requestId: row.id, itemId: item.Id, seriesItemId: null, episodes: [], how: `by ${idsText(row)}` },
    checked,
  };
}

async function findEpisodes(row: RequestRow, eps: EpisodeRow[], clients: Clients) {
  const jellyfin = clients.jellyfin!;
  const series = await jellyfin.findSeries({ tvdbId: row.tvdbId, tmdbId: row.tmdbId, title: row.title });
  const checked = `looked up ${idsText(row)} in Jellyfin`;
  if (!series) return { found: null, checked: `${checked}: no such series` };
  const items = (await jellyfin.episodes(series.Id)).filter(isPlayable);
  const awaited = eps.filter((e) => waiting.has(e.stage));
  const hits = awaited.flatMap((e) => {
    const item = items.find((i) => covers(i, e));
    return item ? [{ seasonNumber: e.seasonNumber, episodeNumber: e.episodeNumber, itemId: item.Id }] : [];
  });
  const missing = awaited.length - hits.length;
  const note = `${checked}: ${hits.length} of ${awaited.length} waiting episodes playable`;
  if (hits.length === 0) return { found: null, checked: note };
  const found: AvailabilityConfirmedEvent = {
    type: "availability.confirmed",
    requestId: row.id,
    itemId: series.Id,
    seriesItemId: series.Id,
    episodes: hits,
    how: `in series "${series.Name ?? series.Id}"`,
  };
  return { found, checked: missing > 0 ? note : checked };
}

/** Library paths of the request's imports (newest first, de-duplicated). */
export async function importedPaths(db: Db, requestId: number): Promise<string[]> {
  const imports = await listImports({ db, requestId });
  const paths = imports.flatMap((d) => (Array.isArray(d.paths) ? d.paths.filter((p): p is string => typeof p === "string") : []));
  return [...new Set(paths)];
}

/** Asks Jellyfin to look at exactly the imported files. Anime is left to Shokofin, which owns those folders. */
export async function requestTargetedRescan({ db, clients, requestId }: { db: Db; clients: Clients; requestId: number }): Promise<string> {
  const loaded = await load(db, requestId);
  if (!loaded || !clients.jellyfin) return "no rescan (Jellyfin is not configured)";
  if (loaded.row.isAnime) return "no rescan (anime appears through Shokofin)";
  const paths = await importedPaths(db, requestId);
  if (paths.length === 0) return "no rescan (no imported path is known)";
  await clients.jellyfin.reportCreated(paths);
  return `asked Jellyfin to rescan ${paths.length === 1 ? paths[0] : `${paths.length} imported files`}`;
}

/** A full scan cancels running scans and makes Shokofin drop its file events, so never while anime waits on it. */
export async function fullRefreshAllowed(db: Db): Promise<boolean> {
  const waitingAnime = await db
    .select({ id: requests.id })
    .from(requests)
    .where(inArray(requests.stage, ["anime_matching"]))
    .limit(1);
  const waitingEpisodes = await db.select({ id: episodesTable.id }).from(episodesTable).where(eq(episodesTable.stage, "anime_matching")).limit(1);
  return waitingAnime.length === 0 && waitingEpisodes.length === 0;
}

export async function lastResortRefresh({ db, clients }: { db: Db; clients: Clients }): Promise<string> {
  if (!clients.jellyfin) return "no full scan (Jellyfin is not configured)";
  if (!(await fullRefreshAllowed(db))) return "no full scan (an anime item is waiting on Shokofin)";
  await clients.jellyfin.refreshAll();
  return "asked Jellyfin for a full library scan";
}

export async function raiseNotFound({ db, requestId, checked }: { db: Db; requestId: number; checked: string[] }): Promise<void> {
  const reason = `Not found in Jellyfin: ${checked.join("; ")}`;
  await applyTrackerEvents({ db, source: "tracker", events: [{ type: "attention.raised", requestId, kind: "not_found_in_library", reason }] });
}
