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
