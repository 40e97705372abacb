import "server-only";
import { z } from "zod";
import { optionalText } from "../fields";
import { arrHistoryList, createArrBase, type ArrBase, type ArrConfig, type DeleteOutcome } from "../arr/client";
import type { ArrHistoryRecord } from "../arr/schema";

const series = z.looseObject({ id: z.number(), title: z.string(), tvdbId: z.number().nullish(), seriesType: optionalText, path: optionalText });
const episode = z.looseObject({
  id: z.number(),
  seasonNumber: z.number(),
  episodeNumber: z.number(),
  tvdbId: z.number().nullish(),
  title: optionalText,
  airDateUtc: optionalText,
  monitored: z
    .boolean()
    .optional()
    .transform((v) => v ?? true),
  hasFile: z
    .boolean()
    .optional()
    .transform((v) => v ?? false),
  episodeFileId: z.number().optional(),
  episodeFile: z.looseObject({ path: optionalText }).optional(),
});

export type SonarrSeries = z.output<typeof series>;
export type SonarrEpisode = z.output<typeof episode>;

export type SonarrClient = ArrBase & {
  seriesByTvdbId(tvdbId: number): Promise<SonarrSeries | null>;
  episodes(seriesId: number): Promise<SonarrEpisode[]>;
  seriesHistory(seriesId: number): Promise<ArrHistoryRecord[]>;
  deleteSeries(seriesId: number, options: { deleteFiles: boolean }): Promise<DeleteOutcome>;
  /** Deletes episode files (Sonarr answers 200 for ids it no longer has, so a repeat is harmless). */
  deleteEpisodeFiles(episodeFileIds: readonly number[]): Promise<DeleteOutcome>;
  searchEpisodes(episodeIds: readonly number[]): Promise<{ id: number; name: string }>;
  searchSeason(seriesId: number, seasonNumber: number): Promise<{ id: number; name: string }>;
  /** Import a finished download again from its folder (`DownloadedEpisodesScan`). */
  scanDownloaded(path: string, downloadClientId: string | null): Promise<{ id: number; name: string }>;
};

/** Sonarr v4, API v3 (contracts/sonarr.md §5). */
export function createSonarrClient(config: ArrConfig): SonarrClient {
  const { base, get, del } = createArrBase("Sonarr", config);
  return {
    ...base,
    async seriesByTvdbId(tvdbId) {
      const found = await get("/api/v3/series", { tvdbId }, z.array(series));
      return found.find((s) => s.tvdbId === tvdbId) ?? null;
    },
    episodes: (seriesId) => get("/api/v3/episode", { seriesId, includeEpisodeFile: true }, z.array(episode)),
    seriesHistory: (seriesId) => get("/api/v3/history/series", { seriesId, includeEpisode: true }, arrHistoryList),
    ...sonarrActions(base, del),
  };
}

type ArrParts = ReturnType<typeof createArrBase>;

/** Deletes and commands (contracts/sonarr.md §5.3; DELETE /api/v3/series/{id}, /api/v3/episodefile/bulk). */
function sonarrActions(base: ArrBase, del: ArrParts["del"]) {
  return {
    deleteSeries: (seriesId: number, { deleteFiles }: { deleteFiles: boolean }) =>
      del(`/api/v3/series/${seriesId}`, { deleteFiles, addImportListExclusion: false }),
    async deleteEpisodeFiles(episodeFileIds: readonly number[]): Promise<DeleteOutcome> {
      if (episodeFileIds.length === 0) return "already_gone";
      return del("/api/v3/episodefile/bulk", {}, { episodeFileIds });
    },
    searchEpisodes: (episodeIds: readonly number[]) => base.command({ name: "EpisodeSearch", episodeIds }),
    searchSeason: (seriesId: number, seasonNumber: number) => base.command({ name: "SeasonSearch", seriesId, seasonNumber }),
    scanDownloaded: (path: string, downloadClientId: string | null) =>
      base.command({
        name: "DownloadedEpisodesScan",
        path,
        ...(downloadClientId ? { downloadClientId: downloadClientId.toUpperCase() } : {}),
        importMode: "auto",
      }),
  };
}
