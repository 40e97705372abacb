import { z } from "zod";
import { imdbId, optionalCount, optionalId, optionalText } from "../fields";
import { arrDownloadFields, arrFile, arrImages, arrRelease, arrStatusMessages, arrTags } from "../arr/schema";

export const sonarrSeries = z.looseObject({
  id: optionalId,
  title: z.string().trim().min(1),
  tvdbId: optionalId,
  tmdbId: optionalId,
  imdbId,
  type: optionalText,
  seriesType: optionalText,
  year: optionalCount,
  images: arrImages,
  tags: arrTags,
});

export const sonarrEpisode = z.looseObject({
  id: optionalId,
  seasonNumber: optionalCount.refine((v): v is number => v !== null, "seasonNumber is required"),
  episodeNumber: optionalCount.refine((v): v is number => v !== null, "episodeNumber is required"),
  title: optionalText,
  airDate: optionalText,
  tvdbId: optionalId,
});

const episodes = z
  .array(sonarrEpisode)
  .max(5000)
  .optional()
  .transform((v) => v ?? []);

export const sonarrGrab = z.looseObject({
  series: sonarrSeries,
  episodes,
  release: arrRelease,
  ...arrDownloadFields,
});

/** Per-file import ("On File Import"): `episodeFile` + `isUpgrade`. */
export const sonarrImportFile = z.looseObject({
  series: sonarrSeries,
  episodes,
  episodeFile: arrFile,
  isUpgrade: z
    .boolean()
    .optional()
    .transform((v) => v ?? false),
  release: arrRelease,
  ...arrDownloadFields,
});

/** "On Import Complete": same eventType, `episodeFiles` instead of `episodeFile`. */
export const sonarrImportComplete = z.looseObject({
  series: sonarrSeries,
  episodes,
  episodeFiles: z.array(arrFile).max(5000),
  release: arrRelease,
  destinationPath: optionalText,
  ...arrDownloadFields,
});

export const sonarrManualInteraction = z.looseObject({
  series: sonarrSeries,
  episodes,
  downloadStatusMessages: arrStatusMessages,
  downloadInfo: z.looseObject({ title: optionalText }).optional(),
  release: arrRelease,
  ...arrDownloadFields,
});

export const sonarrSeriesEvent = z.looseObject({
  series: sonarrSeries,
  episodes,
  deleteReason: optionalText,
  deletedFiles: z.unknown().optional(),
});
