import "server-only";
import { z } from "zod";
import { optionalText } from "../fields";
import { arrHistoryList, createArrBase, type ArrBase, type ArrConfig } from "../arr/client";
import type { ArrHistoryRecord } from "../arr/schema";

const series = z.looseObject({ id: z.number(), title: z.string(), tvdbId: z.number().nullish(), seriesType: optionalText, path: optionalText });
const episode = z.looseObject({
  id: z.number(),
  seasonNumber: z.number(),
  episodeNumber: z.number(),
  tvdbId: z.number().nullish(),
  title: optionalText,
  airDateUtc: optionalText,
  monitored: z.boolean().optional().transform((v) => v ?? true),
  hasFile: z.boolean().optional().transform((v) => v ?? false),
  episodeFile: z.looseObject({ path: optionalText }).optional(),
});

export type SonarrSeries = z.output<typeof series>;
export type SonarrEpisode = z.output<typeof episode>;

export type SonarrClient = ArrBase & {
  seriesByTvdbId(tvdbId: number): Promise<SonarrSeries | null>;
  episodes(seriesId: number): Promise<SonarrEpisode[]>;
  seriesHistory(seriesId: number): Promise<ArrHistoryRecord[]>;
};

/** Sonarr v4, API v3 (contracts/sonarr.md §5). */
export function createSonarrClient(config: ArrConfig): SonarrClient {
  const { base, get } = createArrBase("Sonarr", config);
  return {
    ...base,
    async seriesByTvdbId(tvdbId) {
      const found = await get("/api/v3/series", { tvdbId }, z.array(series));
      return found.find((s) => s.tvdbId === tvdbId) ?? null;
    },
    episodes: (seriesId) => get("/api/v3/episode", { seriesId, includeEpisodeFile: true }, z.array(episode)),
    seriesHistory: (seriesId) => get("/api/v3/history/series", { seriesId, includeEpisode: true }, arrHistoryList),
  };
}
