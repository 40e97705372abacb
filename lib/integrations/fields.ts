import { z } from "zod";

/**
 * Field readers shared by the webhook schemas. Senders differ in typing (Jellyseerr renders every scalar
 * as a string, Jellyfin templates too), so ids accept numbers or numeric strings; "" and 0 mean absent.
 */
export const optionalId = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === null) return null;
    const text = String(value).trim();
    if (text === "" || text === "0") return null;
    if (!/^\d{1,10}$/.test(text) || Number(text) > 2_147_483_647) {
      ctx.addIssue({ code: "custom", message: "expected a positive integer id" });
      return z.NEVER;
    }
    return Number(text);
  });

export const requiredId = optionalId.refine((v): v is number => v !== null, "expected a positive integer id");

/** A small non-negative integer (season, episode, year), number or numeric string. */
export const optionalCount = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === null || value === "") return null;
    const n = typeof value === "number" ? value : Number(String(value).trim());
    if (!Number.isInteger(n) || n < 0 || n > 100_000) {
      ctx.addIssue({ code: "custom", message: "expected a non-negative integer" });
      return z.NEVER;
    }
    return n;
  });

/** Long enough for any real title in any script (a 5,000-character CJK title is kept whole); indexes hash it. */
const MAX_TEXT = 16_000;

export const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, MAX_TEXT) : null));

export const optionalBytes = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v) => {
    if (v === undefined || v === null || v === "") return null;
    const n = Number(v);
    return Number.isFinite(n) && n >= 0 && n <= Number.MAX_SAFE_INTEGER ? Math.round(n) : null;
  });

export const imdbId = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (typeof v === "string" && /^tt\d{1,12}$/.test(v.trim()) ? v.trim() : null));

/** A torrent id: v1 (40 hex) or v2 (64 hex) info-hash; usenet job ids pass through. Always lower-case. */
export const downloadId = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (typeof v === "string" && v.trim() !== "" ? v.trim().toLowerCase().slice(0, 200) : null));
