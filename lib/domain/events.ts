import type { AttentionKind } from "./attention";

/**
 * Domain events: what an upstream delivery means, independent of its wire format.
 * `lib/integrations/<svc>/map.ts` produces these; nothing past that point sees an upstream shape.
 */

export const sources = ["jellyseerr", "sonarr", "radarr", "jellyfin", "qbittorrent", "shoko", "tracker"] as const;
export type Source = (typeof sources)[number];

export type MediaType = "movie" | "tv";

export type MediaRef = {
  mediaType: MediaType;
  tmdbId: number | null;
  tvdbId: number | null;
  imdbId: string | null;
  title: string | null;
  year: number | null;
  posterUrl: string | null;
  /** null = this source cannot tell. */
  isAnime: boolean | null;
  /** Sonarr series id / Radarr movie id. */
  arrId: number | null;
};

export type EpisodeRef = {
  seasonNumber: number;
  episodeNumber: number;
  title: string | null;
  airDate: string | null;
  /** TVDB id of the episode itself (what Jellyfin reports as Provider_tvdb on an episode). */
  tvdbId: number | null;
  arrEpisodeId: number | null;
};

export type ReleaseInfo = {
  title: string | null;
  quality: string | null;
  indexer: string | null;
  size: number | null;
};

export type RequestStatus = "requested" | "approved" | "declined" | "failed" | "available_reported";

export type RequestStatusEvent = {
  type: "request.status";
  status: RequestStatus;
  jellyseerrRequestId: number;
  media: MediaRef;
  requestedBy: string | null;
  requestedByEmail: string | null;
  /** Empty = not stated (a movie, or all seasons). */
  seasons: number[];
  is4k: boolean;
};

export type ReleaseGrabbedEvent = {
  type: "release.grabbed";
  source: "sonarr" | "radarr";
  media: MediaRef;
  downloadId: string | null;
  episodes: EpisodeRef[];
  release: ReleaseInfo;
};

export type ReleaseImportedEvent = {
  type: "release.imported";
  source: "sonarr" | "radarr";
  media: MediaRef;
  downloadId: string | null;
  episodes: EpisodeRef[];
  /** Library paths of the imported files. */
  paths: string[];
  isUpgrade: boolean;
  /** Sonarr's "import complete" body: every file of the release is in. */
  complete: boolean;
  release: ReleaseInfo;
};

export type ImportBlockedEvent = {
  type: "import.blocked";
  source: "sonarr" | "radarr";
  media: MediaRef;
  downloadId: string | null;
  episodes: EpisodeRef[];
  reason: string;
};

export type DownloadCompletedEvent = {
  type: "download.completed";
  hash: string;
  name: string | null;
  size: number | null;
  contentPath: string | null;
};

export type LibraryItem = {
  kind: "movie" | "episode" | "series";
  itemId: string;
  name: string | null;
  tmdbId: number | null;
  imdbId: string | null;
  tvdbId: number | null;
  seriesName: string | null;
  seriesItemId: string | null;
  seasonNumber: number | null;
  episodeNumber: number | null;
  episodeNumberEnd: number | null;
  year: number | null;
};

export type LibraryItemAddedEvent = { type: "library.item_added"; item: LibraryItem };

export type SourceConnectedEvent = { type: "source.connected" };

/** Something worth a line on a request's timeline that changes no stage (deletes, Jellyseerr's own "available"). */
export type NoteEvent = {
  type: "note";
  event: string;
  message: string;
  media: MediaRef | null;
  jellyseerrRequestId: number | null;
};

/** What the tracker itself found out by asking a source of truth (poller, sweep, Shoko hub). */
export type DownloadProgressEvent = {
  type: "download.progress";
  hash: string;
  name: string | null;
  size: number | null;
  progress: number;
  speed: number | null;
  etaSeconds: number | null;
  clientState: string;
};

/** `specific`: the upstream's own words (a queue message), which a later generic diagnosis does not replace. */
export type AttentionRaisedEvent = { type: "attention.raised"; requestId: number; kind: AttentionKind; reason: string; specific?: boolean };

export type AttentionClearedEvent = { type: "attention.cleared"; requestId: number; kinds: AttentionKind[]; message: string };

export type EpisodeNumber = { seasonNumber: number; episodeNumber: number };

/** A lookup found the item playable in Jellyfin (the ItemAdded webhook was missed or slow). */
export type AvailabilityConfirmedEvent = {
  type: "availability.confirmed";
  requestId: number;
  itemId: string;
  seriesItemId: string | null;
  episodes: (EpisodeNumber & { itemId: string })[];
  how: string;
};

/** Shoko matched an imported anime file to AniDB; Shokofin can now show it. */
export type AnimeMatchedEvent = {
  type: "anime.matched";
  requestId: number;
  episodes: EpisodeNumber[];
  fileId: number;
  path: string;
};

/**
 * Something was deleted upstream (not replaced by an upgrade): a series, a movie, episode files, or Jellyfin
 * dropped the item. `episodes` null = the whole media. Found by provider ids and/or the Jellyfin item id.
 */
export type MediaRemovedEvent = {
  type: "media.removed";
  media: MediaRef | null;
  jellyfinItemId: string | null;
  episodes: EpisodeNumber[] | null;
  /** Who removed it, as the upstream can tell ("Sonarr", "Jellyfin"). */
  by: string;
  message: string;
};

/** Sonarr's episode list for a tv request, read by the tracker (on approval and on each sweep). */
export type EpisodesListedEvent = {
  type: "episodes.listed";
  requestId: number;
  episodes: (EpisodeRef & { monitored: boolean; airDateUtc: string | null })[];
};

export type DomainEvent =
  | MediaRemovedEvent
  | EpisodesListedEvent
  | DownloadProgressEvent
  | AttentionRaisedEvent
  | AttentionClearedEvent
  | AvailabilityConfirmedEvent
  | AnimeMatchedEvent
  | RequestStatusEvent
  | ReleaseGrabbedEvent
  | ReleaseImportedEvent
  | ImportBlockedEvent
  | DownloadCompletedEvent
  | LibraryItemAddedEvent
  | SourceConnectedEvent
  | NoteEvent;

export function normaliseHash(value: string): string {
  return value.trim().toLowerCase();
}
