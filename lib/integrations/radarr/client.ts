import "server-only";
import { z } from "zod";
import { optionalText } from "../fields";
import { arrHistoryList, createArrBase, type ArrBase, type ArrConfig } from "../arr/client";
import type { ArrHistoryRecord } from "../arr/schema";

const movie = z.looseObject({
  id: z.number(),
  title: z.string(),
  tmdbId: z.number(),
  hasFile: z.boolean().optional().transform((v) => v ?? false),
  movieFile: z.looseObject({ path: optionalText }).optional(),
});

export type RadarrMovie = z.output<typeof movie>;

export type RadarrClient = ArrBase & {
  movieByTmdbId(tmdbId: number): Promise<RadarrMovie | null>;
  movieHistory(movieId: number): Promise<ArrHistoryRecord[]>;
};

/** Radarr, API v3 (contracts/radarr.md §5). */
export function createRadarrClient(config: ArrConfig): RadarrClient {
  const { base, get } = createArrBase("Radarr", config);
  return {
    ...base,
    async movieByTmdbId(tmdbId) {
      const found = await get("/api/v3/movie", { tmdbId }, z.array(movie));
      return found.find((m) => m.tmdbId === tmdbId) ?? null;
    },
    movieHistory: (movieId) => get("/api/v3/history/movie", { movieId }, arrHistoryList),
  };
}
