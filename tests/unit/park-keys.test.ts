import { describe, expect, it } from "vitest";
import type { LibraryItem } from "@/lib/domain/events";
import { libraryItemKeys, mediaKeys, parkKeys, requestKeys } from "@/lib/domain/park";

const item = (o: Partial<LibraryItem>): LibraryItem => ({
  kind: "episode",
  itemId: "i1",
  name: null,
  tmdbId: null,
  imdbId: null,
  tvdbId: null,
  seriesName: null,
  seriesItemId: null,
  seasonNumber: 1,
  episodeNumber: 1,
  episodeNumberEnd: null,
  year: null,
  ...o,
});

const overlaps = (a: string[], b: string[]) => a.some((k) => b.includes(k));

describe("a parked Jellyfin item and the request it waits for share a key", () => {
  const table: {
    name: string;
    item: LibraryItem;
    request: Parameters<typeof requestKeys>[0];
    episodes?: { tvdbId: number | null }[];
    match: boolean;
  }[] = [
    {
      name: "movie by TMDB id",
      item: item({ kind: "movie", tmdbId: 603, seasonNumber: null, episodeNumber: null }),
      request: { mediaType: "movie", tmdbId: 603, tvdbId: null, imdbId: null, titleKey: "thematrix", jellyfinItemId: null },
      match: true,
    },
    {
      name: "another movie does not",
      item: item({ kind: "movie", tmdbId: 604, seasonNumber: null, episodeNumber: null }),
      request: { mediaType: "movie", tmdbId: 603, tvdbId: null, imdbId: null, titleKey: "thematrix", jellyfinItemId: null },
      match: false,
    },
    {
      name: "episode by its series name, whatever the case and punctuation",
      item: item({ seriesName: "Breaking  Bad!" }),
      request: { mediaType: "tv", tmdbId: null, tvdbId: 81189, imdbId: null, titleKey: "breakingbad", jellyfinItemId: null },
      match: true,
    },
    {
      name: "episode by its own TVDB id",
      item: item({ tvdbId: 349232 }),
      request: { mediaType: "tv", tmdbId: null, tvdbId: 81189, imdbId: null, titleKey: "other", jellyfinItemId: null },
      episodes: [{ tvdbId: 349232 }],
      match: true,
    },
    {
      name: "Shokofin episode of an anime movie, by the movie's title",
      item: item({ seriesName: "Violet Evergarden: The Movie" }),
      request: { mediaType: "movie", tmdbId: 533514, tvdbId: null, imdbId: null, titleKey: "violetevergardenthemovie", jellyfinItemId: null },
      match: true,
    },
    {
      name: "a series name never matches a movie of another title",
      item: item({ seriesName: "Frieren" }),
      request: { mediaType: "movie", tmdbId: 1, tvdbId: null, imdbId: null, titleKey: "violet", jellyfinItemId: null },
      match: false,
    },
  ];
  for (const t of table) {
    it(t.name, () => expect(overlaps(libraryItemKeys(t.item), requestKeys(t.request, t.episodes))).toBe(t.match));
  }

  it("keys stay short for a title of any length, and only Jellyfin items park", () => {
    const keys = mediaKeys({ mediaType: "tv", tmdbId: null, tvdbId: null, imdbId: null, title: "長".repeat(5000) });
    expect(keys).toHaveLength(1);
    expect(keys[0]!.length).toBeLessThan(40);
    expect(parkKeys({ type: "download.completed", hash: "a", name: null, size: null } as never)).toBeNull();
    expect(parkKeys({ type: "library.item_added", item: item({ seriesName: "X" }) })).not.toBeNull();
  });
});
