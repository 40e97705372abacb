import type { MediaType } from "@/lib/domain/events";

/** Jellyfin's web client page for an item. */
export function jellyfinItemUrl(base: string, itemId: string): string {
  return `${base.replace(/\/+$/, "")}/web/#/details?id=${encodeURIComponent(itemId)}`;
}

export function providerLinks(r: { mediaType: MediaType; tmdbId: number | null; tvdbId: number | null; imdbId: string | null }) {
  const links: { label: string; href: string }[] = [];
  if (r.tmdbId !== null) links.push({ label: "TMDB", href: `https://www.themoviedb.org/${r.mediaType === "tv" ? "tv" : "movie"}/${r.tmdbId}` });
  if (r.tvdbId !== null)
    links.push({ label: "TVDB", href: `https://thetvdb.com/dereferrer/${r.mediaType === "tv" ? "series" : "movie"}/${r.tvdbId}` });
  if (r.imdbId) links.push({ label: "IMDb", href: `https://www.imdb.com/title/${encodeURIComponent(r.imdbId)}/` });
  return links;
}
