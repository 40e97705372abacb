import type { ImportedEpisode, ImportedTitle } from "@/lib/domain/library-import";
import { providerId, type JellyfinItem } from "./library-schema";

function numeric(value: string | null): number | null {
  return value !== null && /^\d{1,10}$/.test(value) ? Number(value) : null;
}

/** A Jellyfin movie or series as a library title; its poster is Jellyfin's Primary image (served without a token). */
export function importedTitle(item: JellyfinItem, imageBase: string): ImportedTitle | null {
  const mediaType = item.Type === "Movie" ? "movie" : item.Type === "Series" ? "tv" : null;
  if (!mediaType) return null;
  return {
    mediaType,
    jellyfinItemId: item.Id,
    title: item.Name ?? "Untitled",
    year: item.ProductionYear ?? null,
    tmdbId: numeric(providerId(item, "Tmdb")),
    tvdbId: numeric(providerId(item, "Tvdb")),
    imdbId: providerId(item, "Imdb"),
    posterUrl: `${imageBase.replace(/\/+$/, "")}/Items/${encodeURIComponent(item.Id)}/Images/Primary`,
  };
}

export function importedEpisode(item: JellyfinItem): ImportedEpisode | null {
  if (item.Type !== "Episode" || !item.SeriesId || item.ParentIndexNumber == null || item.IndexNumber == null) return null;
  return {
    seriesItemId: item.SeriesId,
    itemId: item.Id,
    seasonNumber: item.ParentIndexNumber,
    episodeNumber: item.IndexNumber,
    title: item.Name ?? null,
  };
}
