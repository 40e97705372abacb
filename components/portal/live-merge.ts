import type { PortalDownload, PortalEpisode } from "@/lib/requests/transfer";

/** Replaces the items `changed` has a newer copy of (same key) and adds the new ones, keeping `sort`'s order. */
function mergeBy<T>(current: readonly T[], changed: readonly T[] | null, key: (item: T) => string, sort?: (a: T, b: T) => number): T[] {
  if (!changed || changed.length === 0) return current as T[];
  const byKey = new Map(current.map((item) => [key(item), item]));
  for (const item of changed) byKey.set(key(item), item);
  const merged = [...byKey.values()];
  return sort ? merged.sort(sort) : merged;
}

const episodeKey = (e: PortalEpisode) => `${e.seasonNumber}x${e.episodeNumber}`;
const episodeOrder = (a: PortalEpisode, b: PortalEpisode) => a.seasonNumber - b.seasonNumber || a.episodeNumber - b.episodeNumber;

/** A live update's changed episodes merged into the list on screen (season, then episode order). */
export function mergeEpisodes(current: readonly PortalEpisode[], changed: readonly PortalEpisode[] | null): PortalEpisode[] {
  return mergeBy(current, changed, episodeKey, episodeOrder);
}

/** A live update's changed downloads merged into the list on screen (known ones keep their place, new ones last). */
export function mergeDownloads(current: readonly PortalDownload[], changed: readonly PortalDownload[] | null): PortalDownload[] {
  return mergeBy(current, changed, (d) => d.hash);
}
