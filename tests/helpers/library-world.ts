import type { FakeItem } from "../fakes/jellyfin";

/** A simulated Jellyfin library: `movies` movies and `series` series with `episodesEach` episodes each. */
export function simulatedLibrary({ movies, series, episodesEach }: { movies: number; series: number; episodesEach: number }): FakeItem[] {
  const items: FakeItem[] = [];
  const hex = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(31, "0")}`;
  for (let i = 1; i <= movies; i += 1)
    items.push({
      Id: hex("a", i),
      Name: `Movie ${i}`,
      Type: "Movie",
      ProviderIds: { Tmdb: String(100_000 + i) },
      playable: true,
      Path: `/movies/Movie ${i}.mkv`,
    });
  for (let s = 1; s <= series; s += 1) {
    const id = hex("b", s);
    items.push({ Id: id, Name: `Show ${s}`, Type: "Series", ProviderIds: { Tvdb: String(200_000 + s) } });
    for (let e = 1; e <= episodesEach; e += 1) {
      items.push({
        Id: hex("c", s * 100 + e),
        Name: `Episode ${e}`,
        Type: "Episode",
        SeriesId: id,
        ParentIndexNumber: 1,
        IndexNumber: e,
        playable: true,
        Path: `/tv/Show ${s}/S01E${e}.mkv`,
      });
    }
  }
  return items;
}
