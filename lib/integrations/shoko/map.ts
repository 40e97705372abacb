import type { ShokoFile, ShokoFileEvent } from "./schema";

/** What a hub event means for matching, whatever the server's version names it (v5 `ShokoEvent:*`, v6 `<feed>:<subject>`). */
export type ShokoEventKind = "matched" | "not_matched" | "release_saved";

const kinds: Record<string, ShokoEventKind> = {
  "ShokoEvent:FileMatched": "matched",
  "ShokoEvent:FileNotMatched": "not_matched",
  "file:matched": "matched",
  "file:not_matched": "not_matched",
  "release:saved": "release_saved",
};

export function shokoEventKind(target: string): ShokoEventKind | null {
  return kinds[target] ?? null;
}

/** A REST `File` as the file event a match would have carried (RelativePath with its leading separator). */
export function fileEventFromRest(file: ShokoFile): ShokoFileEvent | null {
  const location = file.Locations[0];
  if (!location) return null;
  return {
    FileID: file.ID,
    ImportFolderID: location.ImportFolderID,
    RelativePath: `/${location.RelativePath.replace(/^[\\/]+/, "")}`,
    CrossReferences: [],
  };
}
