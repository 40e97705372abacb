import "server-only";
import { z } from "zod";
import { optionalText } from "../fields";
import { arrHistoryList, createArrBase, type ArrBase, type ArrConfig, type DeleteOutcome } from "../arr/client";
import type { ArrHistoryRecord } from "../arr/schema";

const movie = z.looseObject({
  id: z.number(),
  title: z.string(),
  tmdbId: z.number(),
  hasFile: z
    .boolean()
    .optional()
    .transform((v) => v ?? false),
  /** Tag ids (the webhook sends labels; the API sends ids, resolved through /api/v3/tag). */
  tags: z
    .array(z.number())
    .optional()
    .transform((v) => v ?? []),
  movieFile: z.looseObject({ path: optionalText }).optional(),
});

export type RadarrMovie = z.output<typeof movie>;

export type RadarrClient = ArrBase & {
  movieByTmdbId(tmdbId: number): Promise<RadarrMovie | null>;
  movieHistory(movieId: number): Promise<ArrHistoryRecord[]>;
  tagLabels(ids: readonly number[]): Promise<string[]>;
  deleteMovie(movieId: number, options: { deleteFiles: boolean }): Promise<DeleteOutcome>;
  searchMovies(movieIds: readonly number[]): Promise<{ id: number; name: string }>;
  /** Import a finished download again from its folder (`DownloadedMoviesScan`). */
  scanDownloaded(path: string, downloadClientId: string | null): Promise<{ id: number; name: string }>;
};

/** Radarr, API v3 (contracts/radarr.md §5). */
export function createRadarrClient(config: ArrConfig): RadarrClient {
  const { base, get, del } = createArrBase("Radarr", config);
  return {
    ...base,
    async movieByTmdbId(tmdbId) {
      const found = await get("/api/v3/movie", { tmdbId }, z.array(movie));
      return found.find((m) => m.tmdbId === tmdbId) ?? null;
    },
    movieHistory: (movieId) => get("/api/v3/history/movie", { movieId }, arrHistoryList),
    async tagLabels(ids) {
      if (ids.length === 0) return [];
      const tags = await get("/api/v3/tag", {}, z.array(z.looseObject({ id: z.number(), label: z.string() })));
      return tags.filter((t) => ids.includes(t.id)).map((t) => t.label.toLowerCase());
    },
    // Deletes and commands (contracts/radarr.md §5).
    deleteMovie: (movieId, { deleteFiles }) => del(`/api/v3/movie/${movieId}`, { deleteFiles, addImportExclusion: false }),
    searchMovies: (movieIds) => base.command({ name: "MoviesSearch", movieIds }),
    scanDownloaded: (path, downloadClientId) =>
      base.command({
        name: "DownloadedMoviesScan",
        path,
        ...(downloadClientId ? { downloadClientId: downloadClientId.toUpperCase() } : {}),
        importMode: "auto",
      }),
  };
}
