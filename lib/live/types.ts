import type { PortalDownload, PortalEpisode, PortalRequest, PortalTimelineEntry } from "@/lib/requests/transfer";

/**
 * One `update` event of GET /api/events: a timeline entry and the state of its request right after the
 * batch it was read in. Episodes and downloads come with it so a detail page needs no extra fetch.
 */
export type LiveUpdate = {
  seq: number;
  entry: PortalTimelineEntry;
  request: PortalRequest | null;
  episodes: PortalEpisode[] | null;
  downloads: PortalDownload[] | null;
};

/** Sent instead of a replay that would be too long: the client reloads its data and resumes from `seq`. */
export type LiveReset = { seq: number };

export const LIVE_EVENT = { update: "update", reset: "reset" } as const;
