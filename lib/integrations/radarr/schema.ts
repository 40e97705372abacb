import { z } from "zod";
import { imdbId, optionalCount, optionalId, optionalText } from "../fields";
import { arrDownloadFields, arrFile, arrImages, arrRelease, arrStatusMessages, arrTags } from "../arr/schema";

export const radarrMovie = z.looseObject({
  id: optionalId,
  title: z.string().trim().min(1),
  year: optionalCount,
  tmdbId: optionalId,
  imdbId,
  folderPath: optionalText,
  images: arrImages,
  tags: arrTags,
});

export const radarrRemoteMovie = z.looseObject({ tmdbId: optionalId, imdbId, title: optionalText, year: optionalCount }).optional();

export const radarrGrab = z.looseObject({
  movie: radarrMovie,
  remoteMovie: radarrRemoteMovie,
  release: arrRelease,
  ...arrDownloadFields,
});

export const radarrImport = z.looseObject({
  movie: radarrMovie,
  remoteMovie: radarrRemoteMovie,
  movieFile: arrFile,
  isUpgrade: z
    .boolean()
    .optional()
    .transform((v) => v ?? false),
  release: arrRelease,
  ...arrDownloadFields,
});

export const radarrManualInteraction = z.looseObject({
  movie: radarrMovie,
  downloadStatusMessages: arrStatusMessages,
  release: arrRelease,
  ...arrDownloadFields,
});

export const radarrMovieEvent = z.looseObject({
  movie: radarrMovie,
  deleteReason: optionalText,
  deletedFiles: z.unknown().optional(),
});
