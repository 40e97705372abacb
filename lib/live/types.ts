import type { PortalDownload, PortalEpisode, PortalRequest, PortalTimelineEntry } from "@/lib/requests/transfer";

/**
 * One `update` event of GET /api/events: a timeline entry and the state of its request right after the
 * batch it was read in. `episodes` and `downloads` hold only those its transaction (or a later one) changed,
 * with their current values: a client merges them into what it has, by season and episode, and by hash.
 */
export type LiveUpdate = {
  seq: number;
  entry: PortalTimelineEntry;
  request: PortalRequest | null;
  /** Changed episodes (null for a movie or a row without a request). */
  episodes: PortalEpisode[] | null;
  /** Changed downloads. */
  downloads: PortalDownload[] | null;
};

/** Sent instead of a replay that would be too long: the client reloads its data and resumes from `seq`. */
export type LiveReset = { seq: number };

export const LIVE_EVENT = { update: "update", reset: "reset" } as const;
