import { isFinished, type Stage } from "./stages";
import type { MediaRef, MediaType } from "./events";

export type RequestCandidate = {
  id: number;
  mediaType: MediaType;
  tmdbId: number | null;
  tvdbId: number | null;
  imdbId: string | null;
  seasons: readonly number[];
  stage: Stage;
  jellyseerrRequestId: number | null;
  createdAt: Date;
};

export type MediaIds = Pick<MediaRef, "mediaType" | "tmdbId" | "tvdbId" | "imdbId">;

/**
 * Same media when at least one provider id agrees and none that both sides know disagrees: a wrong id in
 * one service's metadata must not merge two different shows.
 */
export function sameMedia(candidate: MediaIds, media: MediaIds): boolean {
  if (candidate.mediaType !== media.mediaType) return false;
  const pairs = [
    [candidate.tmdbId, media.tmdbId],
    [candidate.tvdbId, media.tvdbId],
    [candidate.imdbId, media.imdbId],
  ] as const;
  const known = pairs.filter(([a, b]) => a !== null && b !== null);
  return known.length > 0 && known.every(([a, b]) => a === b);
}

/** An empty list means "not stated", which overlaps everything. */
export function seasonsOverlap(a: readonly number[], b: readonly number[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return a.some((s) => b.includes(s));
}

/**
 * The request an event belongs to among requests already known to be about its media: never a declined
 * or removed one (a new request or grab after a delete starts fresh), seasons must overlap; unfinished requests first, then one that names the event's seasons over one
 * that names none, then the newest. Deterministic for equal timestamps (by id).
 */
export function chooseRequest(candidates: readonly RequestCandidate[], seasons: readonly number[]): RequestCandidate | null {
  const eligible = candidates.filter((c) => c.stage !== "declined" && c.stage !== "removed" && seasonsOverlap(c.seasons, seasons));
  eligible.sort(
    (a, b) =>
      Number(isFinished(a.stage)) - Number(isFinished(b.stage)) ||
      Number(namesSeasons(b, seasons)) - Number(namesSeasons(a, seasons)) ||
      b.createdAt.getTime() - a.createdAt.getTime() ||
      b.id - a.id,
  );
  return eligible[0] ?? null;
}

/** Same as chooseRequest, over any requests: only those about the same media count. */
export function pickRequest(
  candidates: readonly RequestCandidate[],
  media: MediaIds,
  seasons: readonly number[],
  options: { onlyWithoutJellyseerrId?: boolean } = {},
): RequestCandidate | null {
  const same = candidates.filter((c) => sameMedia(c, media) && (!options.onlyWithoutJellyseerrId || c.jellyseerrRequestId === null));
  return chooseRequest(same, seasons);
}

function namesSeasons(candidate: RequestCandidate, seasons: readonly number[]): boolean {
  return candidate.seasons.length > 0 && seasons.some((s) => candidate.seasons.includes(s));
}
