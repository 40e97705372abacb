import { z } from "zod";

/** `ShokoEvent:File*` SignalR payloads (v5, PascalCase). RelativePath starts with a directory separator. */
export const shokoFileEvent = z.looseObject({
  FileID: z.number(),
  FileLocationID: z.number().nullish(),
  ImportFolderID: z.number(),
  RelativePath: z.string(),
  CrossReferences: z
    .array(
      z.looseObject({
        EpisodeID: z.number().nullish(),
        AnidbEpisodeID: z.number().nullish(),
        SeriesID: z.number().nullish(),
        AnidbAnimeID: z.number().nullish(),
      }),
    )
    .nullish()
    .transform((v) => v ?? []),
});
export type ShokoFileEvent = z.output<typeof shokoFileEvent>;

export const shokoFileNotMatchedEvent = shokoFileEvent.extend({
  AutoMatchAttempts: z.number().nullish(),
  HasCrossReferences: z.boolean().nullish(),
  IsUDPBanned: z.boolean().nullish(),
});
export type ShokoFileNotMatchedEvent = z.output<typeof shokoFileNotMatchedEvent>;

/** REST v3 `File` (Locations' RelativePath has no leading separator there). */
export const shokoFile = z.looseObject({
  ID: z.number(),
  Size: z.number().nullish(),
  Imported: z.string().nullish(),
  Locations: z
    .array(z.looseObject({ ImportFolderID: z.number(), RelativePath: z.string(), AbsolutePath: z.string().nullish() }))
    .nullish()
    .transform((v) => v ?? []),
});
export type ShokoFile = z.output<typeof shokoFile>;

export const shokoImportFolder = z.looseObject({ ID: z.number(), Name: z.string().nullish(), Path: z.string() });
export type ShokoImportFolder = z.output<typeof shokoImportFolder>;

export const shokoVersion = z.looseObject({ Server: z.looseObject({ Version: z.string() }).optional() });
