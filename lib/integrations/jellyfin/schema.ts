import { z } from "zod";
import { imdbId, optionalCount, optionalId, optionalText } from "../fields";

/** Jellyfin's 32-hex "N" Guid or the dashed "D" form a Handlebars template renders; stored as "N". */
const guid = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === null || v.trim() === "") return null;
    const hex = v.trim().replace(/-/g, "").toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(hex)) {
      ctx.addIssue({ code: "custom", message: "expected a Jellyfin item id (32 hex digits)" });
      return z.NEVER;
    }
    return hex;
  });

/** The plugin escapes `"` as `\"` inside string values in "Send All Properties" mode. */
const name = optionalText.transform((v) => (v ? v.replace(/\\"/g, '"') : v));

/**
 * One ItemAdded notification after key normalisation (lower-case keys, so both the plugin's
 * "Send All Properties" PascalCase and the camelCase of a custom template read the same).
 */
export const jellyfinItemAdded = z.looseObject({
  notificationtype: z.string(),
  itemtype: z.string().trim().min(1, "ItemType is required"),
  itemid: guid.refine((v): v is string => v !== null, "ItemId is required"),
  name,
  year: optionalCount,
  seriesname: name,
  seriesid: guid,
  seasonnumber: optionalCount,
  episodenumber: optionalCount,
  episodenumberend: optionalCount,
  provider_tmdb: optionalId,
  provider_tvdb: optionalId,
  provider_imdb: imdbId,
});

export const jellyfinEnvelope = z.looseObject({
  notificationtype: z.string().trim().min(1, "NotificationType is required"),
});

/** `POST /Users/AuthenticateByName` → AuthenticationResult: only what sign-in needs (contracts/jellyfin.md B.2). */
export const jellyfinAuthenticationResult = z.looseObject({
  User: z.looseObject({
    Name: z.string().trim().min(1),
    Id: z.string().trim().min(1),
    Policy: z.looseObject({ IsAdministrator: z.boolean().optional(), IsDisabled: z.boolean().optional() }).optional(),
  }),
});
