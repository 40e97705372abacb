import type { ItemStage } from "./stages";

/**
 * The library import ("Sync library") in domain terms: what the existing library, Jellyseerr's requests and
 * the download queues say, independent of their wire formats (each service's map turns its answers into these).
 */
export type ImportedTitle = {
  mediaType: "movie" | "tv";
  jellyfinItemId: string;
  title: string;
  year: number | null;
  tmdbId: number | null;
  tvdbId: number | null;
  imdbId: string | null;
  posterUrl: string | null;
};

export type ImportedEpisode = { seriesItemId: string; itemId: string; seasonNumber: number; episodeNumber: number; title: string | null };

export type ImportedRequest = {
  jellyseerrRequestId: number;
  mediaType: "movie" | "tv";
  tmdbId: number | null;
  tvdbId: number | null;
  requestedBy: string | null;
  requestedByEmail: string | null;
  requestedAt: Date | null;
  seasons: number[];
  stage: ItemStage;
};

export type InFlightDownload = {
  source: "sonarr" | "radarr";
  hash: string;
  title: string;
  year: number | null;
  tmdbId: number | null;
  tvdbId: number | null;
  arrId: number | null;
  size: number | null;
  progress: number;
};

/** The import's phases, in order; each is paged, and the cursor names the next page. */
export const importPhases = ["library", "episodes", "jellyseerr", "queues"] as const;
export type ImportPhase = (typeof importPhases)[number];

export const importPageSize: Record<ImportPhase, number> = { library: 500, episodes: 1000, jellyseerr: 100, queues: 1 };

export const phaseLabel: Record<ImportPhase, string> = {
  library: "Jellyfin movies and series",
  episodes: "Jellyfin episodes",
  jellyseerr: "Jellyseerr requests",
  queues: "Sonarr and Radarr queues",
};

export type ImportCursor = { phase: ImportPhase; startIndex: number };

/** After a page: the same phase further on, or the next phase from its start, or the end. */
export function nextCursor(cursor: ImportCursor, fetched: number, total: number): ImportCursor | null {
  const startIndex = cursor.startIndex + fetched;
  if (fetched > 0 && startIndex < total) return { phase: cursor.phase, startIndex };
  const next = importPhases[importPhases.indexOf(cursor.phase) + 1];
  return next ? { phase: next, startIndex: 0 } : null;
}

/** Jellyseerr's MediaRequestStatus (1 pending, 2 approved, 3 declined, 4 failed, 5 completed) as a stage. */
export function stageOfSeerrStatus(requestStatus: number, mediaStatus: number | null): ItemStage {
  if (requestStatus === 3) return "declined";
  if (requestStatus === 4) return "failed";
  if (requestStatus === 1) return "requested";
  return mediaStatus === 5 || requestStatus === 5 ? "available" : "approved";
}
