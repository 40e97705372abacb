import { z } from "zod";

/**
 * Jellyseerr REST answers the library import and "Delete everywhere" read (contracts/jellyseerr-api.md):
 * `MediaRequest` with its eager `media` and `requestedBy`, paged as `{ pageInfo, results }`.
 */
const jellyseerrUser = z.looseObject({
  id: z.number(),
  displayName: z.string().nullish(),
  username: z.string().nullish(),
  jellyfinUsername: z.string().nullish(),
  email: z.string().nullish(),
});

export const jellyseerrMedia = z.looseObject({
  id: z.number(),
  mediaType: z.enum(["movie", "tv"]).nullish(),
  tmdbId: z.number().nullish(),
  tvdbId: z.number().nullish(),
  imdbId: z.string().nullish(),
  status: z.number().nullish(),
  jellyfinMediaId: z.string().nullish(),
});

export const jellyseerrRequest = z.looseObject({
  id: z.number(),
  status: z.number(),
  type: z.enum(["movie", "tv"]).nullish(),
  createdAt: z.string().nullish(),
  is4k: z.boolean().nullish(),
  media: jellyseerrMedia.nullish(),
  requestedBy: jellyseerrUser.nullish(),
  seasons: z.array(z.looseObject({ seasonNumber: z.number() })).nullish(),
});

export type JellyseerrRequestRecord = z.output<typeof jellyseerrRequest>;

export const jellyseerrRequestPage = z.looseObject({
  pageInfo: z.looseObject({ pages: z.number().nullish(), results: z.number().nullish(), page: z.number().nullish() }),
  results: z.array(jellyseerrRequest),
});
