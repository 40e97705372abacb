import { z } from "zod";
import { downloadId, optionalBytes, optionalText } from "../fields";

/** Pieces Sonarr and Radarr share (same webhook code base, Newtonsoft camelCase, nulls omitted). */
export const arrEnvelope = z.looseObject({
  eventType: z.string().trim().min(1, "eventType is required"),
});

export const arrImages = z
  .array(z.looseObject({ coverType: optionalText, url: optionalText, remoteUrl: optionalText }))
  .optional()
  .transform((v) => v ?? []);

export const arrTags = z
  .array(z.union([z.string(), z.number()]).transform(String))
  .optional()
  .transform((v) => v ?? []);

export const arrRelease = z
  .looseObject({
    releaseTitle: optionalText,
    quality: optionalText,
    indexer: optionalText,
    size: optionalBytes,
  })
  .optional()
  .transform((r) => ({
    title: r?.releaseTitle ?? null,
    quality: r?.quality ?? null,
    indexer: r?.indexer ?? null,
    size: r?.size ?? null,
  }));

export const arrDownloadFields = {
  downloadClient: optionalText,
  downloadId,
};

export const arrStatusMessages = z
  .array(
    z.looseObject({
      title: optionalText,
      messages: z
        .array(z.string())
        .optional()
        .transform((v) => v ?? []),
    }),
  )
  .optional()
  .transform((v) => v ?? []);

export const arrFile = z.looseObject({ path: optionalText, relativePath: optionalText, quality: optionalText });

export const arrHealth = z.looseObject({ level: optionalText, message: optionalText, type: optionalText });

/* ---- REST API v3 answers (System.Text.Json camelCase, nulls omitted) ---- */

export const arrStatusMessage = z.looseObject({
  title: optionalText,
  messages: z
    .array(z.string())
    .optional()
    .transform((v) => v ?? []),
});

/** One `QueueResource`; Sonarr has one per episode of a download, Radarr one per download. */
export const arrQueueRecord = z.looseObject({
  id: z.number(),
  seriesId: z.number().nullish(),
  episodeId: z.number().nullish(),
  seasonNumber: z.number().nullish(),
  movieId: z.number().nullish(),
  title: optionalText,
  status: optionalText,
  trackedDownloadStatus: optionalText,
  trackedDownloadState: optionalText,
  statusMessages: z
    .array(arrStatusMessage)
    .optional()
    .transform((v) => v ?? []),
  errorMessage: optionalText,
  downloadId,
  outputPath: optionalText,
  size: optionalBytes,
  sizeleft: optionalBytes,
  episode: z.looseObject({ seasonNumber: z.number(), episodeNumber: z.number(), tvdbId: z.number().nullish() }).optional(),
  /** With includeMovie / includeSeries (the library import asks for them). */
  movie: z.looseObject({ title: z.string().nullish(), year: z.number().nullish(), tmdbId: z.number().nullish() }).optional(),
  series: z.looseObject({ title: z.string().nullish(), year: z.number().nullish(), tvdbId: z.number().nullish() }).optional(),
});
export type ArrQueueRecord = z.output<typeof arrQueueRecord>;

export const arrQueuePage = z.looseObject({
  page: z.number(),
  pageSize: z.number(),
  totalRecords: z.number(),
  records: z.array(arrQueueRecord),
});

/** One `HistoryResource`; `data` holds strings such as `importedPath`, `droppedPath`, `reason`. */
export const arrHistoryRecord = z.looseObject({
  id: z.number(),
  eventType: z.string(),
  date: optionalText,
  downloadId,
  sourceTitle: optionalText,
  seriesId: z.number().nullish(),
  episodeId: z.number().nullish(),
  movieId: z.number().nullish(),
  data: z
    .record(z.string(), z.unknown())
    .optional()
    .transform((v) => v ?? {}),
  episode: z.looseObject({ seasonNumber: z.number(), episodeNumber: z.number(), tvdbId: z.number().nullish(), title: optionalText }).optional(),
});
export type ArrHistoryRecord = z.output<typeof arrHistoryRecord>;

export const arrHistoryPage = z.looseObject({ totalRecords: z.number(), records: z.array(arrHistoryRecord) });

export const arrSystemStatus = z.looseObject({ version: z.string(), appName: optionalText });

export const arrCommand = z.looseObject({ id: z.number(), name: z.string(), status: optionalText });
