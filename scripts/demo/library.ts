import type { Simulators } from "../../tests/fakes/stack";

/**
 * What the demo household already had before the tracker arrived: a small library in the simulated Jellyfin
 * (movies, and series with their episodes), the same titles in Radarr/Sonarr and some of them requested in
 * Jellyseerr. The app's first start (LIBRARY_SYNC_ON_FIRST_START) or "Sync library" imports it into History,
 * and "Delete everywhere" on one of them shows each service's result.
 */
// Titles and ids the demo's request scenarios never use (their ids start at 100,000), so the two never meet.
const movies = [
  ["Amélie", 2001, 10001],
  ["Coco", 2017, 10002],
  ["Her", 2013, 10003],
  ["Inception", 2010, 10004],
  ["Interstellar", 2014, 10005],
  ["Mad Max: Fury Road", 2015, 10006],
  ["Moonlight", 2016, 10007],
  ["Parasite", 2019, 10008],
  ["Spirited Away", 2001, 10009],
  ["Whiplash", 2014, 10010],
] as const;

const shows = [
  ["Dark", 2017, 20001, 3],
  ["Fleabag", 2016, 20002, 2],
  ["Mushishi", 2005, 20003, 4],
] as const;

const hex = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(31, "0")}`;

export function seedExistingLibrary(sim: Simulators): void {
  movies.forEach(([title, year, tmdbId], i) => {
    const path = `/movies/${title} (${year})/${title} (${year}).mkv`;
    sim.jellyfin.items.push({ Id: hex("d", i + 1), Name: title, Type: "Movie", ProviderIds: { Tmdb: String(tmdbId) }, Path: path, playable: true });
    sim.radarr.movies.push({ id: 900 + i, title, tmdbId, tags: [], filePath: path });
    if (i % 3 === 0)
      sim.jellyseerr.requests.push({
        id: 9000 + i,
        type: "movie",
        createdAt: new Date(Date.UTC(2024, i, 3, 19)).toISOString(),
        media: { id: 9500 + i, tmdbId, status: 5 },
        requestedBy: { id: 2 + (i % 2), displayName: i % 2 ? "Sam" : "Alex" },
      });
  });
  shows.forEach(([title, year, tvdbId, count], s) => {
    const seriesId = hex("e", s + 1);
    sim.jellyfin.items.push({ Id: seriesId, Name: title, Type: "Series", ProviderIds: { Tvdb: String(tvdbId) } });
    sim.sonarr.series.push({ id: 950 + s, title, tvdbId, seriesType: title === "Mushishi" ? "anime" : "standard" });
    for (let e = 1; e <= count; e += 1) {
      const path = `/tv/${title} (${year})/Season 01/${title} - S01E${String(e).padStart(2, "0")}.mkv`;
      sim.jellyfin.items.push({
        Id: hex("f", s * 100 + e),
        Name: `Episode ${e}`,
        Type: "Episode",
        SeriesId: seriesId,
        ParentIndexNumber: 1,
        IndexNumber: e,
        Path: path,
        playable: true,
      });
      sim.sonarr.episodes.push({ seriesId: 950 + s, seasonNumber: 1, episodeNumber: e, filePath: path });
    }
  });
}
