import { z } from "zod";
import { optionalId, optionalText, requiredId } from "../fields";

/** Jellyseerr/Seerr/Overseerr webhook agent, default template (every scalar a string; absent entities null). */
export const jellyseerrEnvelope = z.looseObject({
  notification_type: z.string().trim().min(1, "notification_type is required"),
});

export const jellyseerrMediaNotification = z.looseObject({
  notification_type: z.string(),
  event: optionalText,
  subject: optionalText,
  image: optionalText,
  media: z.looseObject({
    media_type: z.enum(["movie", "tv"]),
    tmdbId: optionalId,
    tvdbId: optionalId,
    status: optionalText,
  }),
  request: z.looseObject({
    request_id: requiredId,
    requestedBy_username: optionalText,
    requestedBy_email: optionalText,
  }),
  extra: z
    .array(z.looseObject({ name: z.string(), value: z.union([z.string(), z.number()]).transform(String) }))
    .nullable()
    .optional()
    .transform((v) => v ?? []),
});

export type JellyseerrMediaNotification = z.infer<typeof jellyseerrMediaNotification>;

// ── REST API v1 (contracts/jellyseerr-api.md): X-Api-Key, camelCase, numeric enums ──

/** `User` as the request listing embeds it (secrets are never selected). */
const jellyseerrUser = z.looseObject({
  id: z.number(),
  displayName: optionalText,
  username: optionalText,
  jellyfinUsername: optionalText,
  email: optionalText,
});

/** `Media` of a request: ids and the availability Jellyseerr believes in. */
const jellyseerrMedia = z.looseObject({
  id: z.number(),
  mediaType: z.enum(["movie", "tv"]),
  tmdbId: z.number(),
  tvdbId: z.number().nullish(),
  imdbId: optionalText,
  status: z.number(),
  jellyfinMediaId: optionalText,
});

/** `MediaRequest`: status 1 PENDING, 2 APPROVED, 3 DECLINED, 4 FAILED, 5 COMPLETED (later versions add more). */
export const jellyseerrRequest = z.looseObject({
  id: z.number(),
  status: z.number(),
  type: z.enum(["movie", "tv"]),
  is4k: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  media: jellyseerrMedia,
  requestedBy: jellyseerrUser.nullish(),
  seasons: z
    .array(z.looseObject({ seasonNumber: z.number() }))
    .nullish()
    .transform((v) => v ?? []),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JellyseerrRequest = z.output<typeof jellyseerrRequest>;

export const jellyseerrRequestPage = z.looseObject({
  pageInfo: z.looseObject({ pages: z.number(), pageSize: z.number(), results: z.number(), page: z.number() }),
  results: z.array(jellyseerrRequest),
});

/** `GET /api/v1/movie/{tmdbId}` / `GET /api/v1/tv/{tmdbId}`: only what names the request. */
export const jellyseerrTitle = z.looseObject({
  title: optionalText,
  name: optionalText,
  releaseDate: optionalText,
  firstAirDate: optionalText,
  posterPath: optionalText,
});
export type JellyseerrTitle = z.output<typeof jellyseerrTitle>;

export const jellyseerrStatus = z.looseObject({ version: z.string() });
