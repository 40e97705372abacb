import { z } from "zod";

/** v6 renamed ImportFolderID to ManagedFolderID in `file:*` payloads (contracts/shoko.md §3); one shape here. */
function folderAlias(value: unknown): unknown {
  if (typeof value !== "object" || value === null || "ImportFolderID" in value) return value;
  const managed = (value as { ManagedFolderID?: unknown }).ManagedFolderID;
  return managed === undefined ? value : { ...value, ImportFolderID: managed };
}

/** `ShokoEvent:File*` (v5) and `file:*` (v6) SignalR payloads, PascalCase. RelativePath starts with a separator. */
const shokoFileEventObject = z.looseObject({
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
export const shokoFileEvent = z.preprocess(folderAlias, shokoFileEventObject);
export type ShokoFileEvent = z.output<typeof shokoFileEvent>;

export const shokoFileNotMatchedEvent = z.preprocess(
  folderAlias,
  shokoFileEventObject.extend({
    AutoMatchAttempts: z.number().nullish(),
    HasCrossReferences: z.boolean().nullish(),
    IsUDPBanned: z.boolean().nullish(),
  }),
);
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

/** v6 `release:saved`: a release (AniDB match) was saved for a file; no path, so the file is read over REST. */
export const shokoReleaseSaved = z.looseObject({
  FileID: z.number(),
  Release: z.looseObject({
    CrossReferences: z
      .array(z.unknown())
      .nullish()
      .transform((v) => v ?? []),
  }),
});
