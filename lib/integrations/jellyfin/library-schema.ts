import { z } from "zod";

/** `BaseItemDto` (PascalCase, nulls omitted, Guids as 32-hex) with the fields asked for in `Fields=`. */
export const jellyfinItem = z.looseObject({
  Id: z.string(),
  Name: z.string().nullish(),
  Type: z.string(),
  Path: z.string().nullish(),
  ProviderIds: z.record(z.string(), z.string().nullable()).nullish(),
  MediaSources: z.array(z.looseObject({ Id: z.string().nullish(), Path: z.string().nullish() })).nullish(),
  SeriesId: z.string().nullish(),
  SeriesName: z.string().nullish(),
  IndexNumber: z.number().nullish(),
  IndexNumberEnd: z.number().nullish(),
  ParentIndexNumber: z.number().nullish(),
  ProductionYear: z.number().nullish(),
  LocationType: z.string().nullish(),
});
export type JellyfinItem = z.output<typeof jellyfinItem>;

export const jellyfinItemPage = z.looseObject({
  Items: z.array(jellyfinItem),
  TotalRecordCount: z.number().optional(),
});

/** `GET /Users/{userId}` → UserDto: only the policy flags that decide a role. */
export const jellyfinUserPolicy = z.looseObject({
  Policy: z.looseObject({ IsAdministrator: z.boolean().optional(), IsDisabled: z.boolean().optional() }).optional(),
});

export const jellyfinPublicInfo = z.looseObject({ Version: z.string(), ServerName: z.string().nullish() });

/** A provider id by key, case-insensitively ("Tmdb", "tmdb"); Jellyfin keys are MetadataProvider names. */
export function providerId(item: JellyfinItem, key: string): string | null {
  const ids = item.ProviderIds ?? {};
  const wanted = key.toLowerCase();
  for (const [k, v] of Object.entries(ids)) if (k.toLowerCase() === wanted && v) return v;
  return null;
}

/** Jellyfin can play it: it has a media source or at least a file path (a bare metadata item has neither). */
export function isPlayable(item: JellyfinItem): boolean {
  if (item.LocationType === "Virtual") return false;
  return (item.MediaSources?.length ?? 0) > 0 || Boolean(item.Path);
}
