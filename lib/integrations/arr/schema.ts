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
      messages: z.array(z.string()).optional().transform((v) => v ?? []),
    }),
  )
  .optional()
  .transform((v) => v ?? []);

export const arrFile = z.looseObject({ path: optionalText, relativePath: optionalText, quality: optionalText });

export const arrHealth = z.looseObject({ level: optionalText, message: optionalText, type: optionalText });
