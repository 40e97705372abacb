import { createHash } from "node:crypto";
import { titleKey } from "./describe";
import type { DomainEvent, EpisodeRef, LibraryItem, MediaType } from "./events";

/**
 * Identity keys shared by a parked signal and the requests it may refer to. A signal that matched nothing is
 * parked under its keys; a transaction that creates or changes a request holding one of them re-tries it. The
 * same keys are transaction advisory locks, so a signal and the request it waits for never miss each other.
 * Titles are hashed: a key stays short whatever the title's length or script.
 */

export const PARK_DAYS = 30;

export type KeyedMedia = {
  mediaType: MediaType;
  tmdbId: number | null;
  tvdbId: number | null;
  imdbId: string | null;
  title?: string | null;
};

export type KeyedRequest = {
  mediaType: MediaType;
  tmdbId: number | null;
  tvdbId: number | null;
  imdbId: string | null;
  titleKey: string;
  jellyfinItemId: string | null;
};

function titleHash(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 24);
}

function titleKeyOf(mediaType: MediaType, key: string): string[] {
  return key === "" ? [] : [`title:${mediaType}:${titleHash(key)}`];
}

function titleKeys(mediaType: MediaType, title: string | null | undefined): string[] {
  return title ? titleKeyOf(mediaType, titleKey(title)) : [];
}

function unique(keys: string[]): string[] {
  return [...new Set(keys)].sort();
}

/** Keys of a media identity as an upstream event names it (ids and title). */
export function mediaKeys(media: KeyedMedia): string[] {
  const keys: string[] = [];
  if (media.tmdbId !== null) keys.push(`tmdb:${media.mediaType}:${media.tmdbId}`);
  if (media.tvdbId !== null) keys.push(`tvdb:${media.mediaType}:${media.tvdbId}`);
  if (media.imdbId !== null) keys.push(`imdb:${media.mediaType}:${media.imdbId}`);
  return unique([...keys, ...titleKeys(media.mediaType, media.title)]);
}

export function episodeKeys(episodes: readonly Pick<EpisodeRef, "tvdbId">[]): string[] {
  return unique(episodes.flatMap((e) => (e.tvdbId !== null ? [`tvdbep:${e.tvdbId}`] : [])));
}

/** Keys a stored request answers to: its ids, its title, its Jellyfin item and its episodes' TVDB ids. */
export function requestKeys(row: KeyedRequest, episodes: readonly Pick<EpisodeRef, "tvdbId">[] = []): string[] {
  return unique([
    ...mediaKeys({ ...row, title: null }),
    ...titleKeyOf(row.mediaType, row.titleKey),
    ...(row.jellyfinItemId ? [`jf:${row.jellyfinItemId}`] : []),
    ...episodeKeys(episodes),
  ]);
}

/** Every way a Jellyfin item can find its request (see lib/ingest/handlers/library.ts), as keys. */
export function libraryItemKeys(item: LibraryItem): string[] {
  const names = [item.seriesName, item.name];
  const asMovie = names.flatMap((n) => titleKeys("movie", n)); // Shokofin files anime movies as series
  switch (item.kind) {
    case "movie":
      return unique([...mediaKeys({ mediaType: "movie", tmdbId: item.tmdbId, tvdbId: null, imdbId: item.imdbId }), ...asMovie]);
    case "series":
      return unique([
        ...mediaKeys({ mediaType: "tv", tmdbId: item.tmdbId, tvdbId: item.tvdbId, imdbId: item.imdbId, title: item.name }),
        `jf:${item.itemId}`,
      ]);
    case "episode":
      return unique([
        ...(item.tvdbId !== null ? [`tvdbep:${item.tvdbId}`] : []),
        ...(item.seriesItemId ? [`jf:${item.seriesItemId}`] : []),
        ...titleKeys("tv", item.seriesName),
        ...asMovie,
      ]);
  }
}

/** The keys an event is parked under when it matches nothing; null for events that never wait. */
export function parkKeys(event: DomainEvent): string[] | null {
  if (event.type !== "library.item_added") return null;
  const keys = libraryItemKeys(event.item);
  return keys.length > 0 ? keys : null;
}

/** One line for the admin list: what is waiting. */
export function describeParked(event: DomainEvent): string {
  if (event.type !== "library.item_added") return event.type;
  const { item } = event;
  const name = (item.kind === "episode" ? item.seriesName : item.name)?.slice(0, 200) ?? "an item";
  const episode =
    item.kind === "episode" && item.seasonNumber !== null && item.episodeNumber !== null
      ? ` S${String(item.seasonNumber).padStart(2, "0")}E${String(item.episodeNumber).padStart(2, "0")}`
      : "";
  return `Jellyfin added ${item.kind} "${name}"${episode}`;
}
