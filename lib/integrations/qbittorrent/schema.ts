import { z } from "zod";
import { optionalBytes, optionalText } from "../fields";

/**
 * The "run external program on torrent finished" call (curl with form fields or JSON).
 * `hash` is `%I` (v1, 40 hex) or `%K`/`%J` (v2, 64 hex); qBittorrent sends it lower-case.
 */
export const qbittorrentFinished = z.looseObject({
  hash: z
    .string()
    .trim()
    .regex(/^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/, "expected a 40- or 64-hex info-hash")
    .transform((h) => h.toLowerCase()),
  name: optionalText,
  size: optionalBytes,
  content_path: optionalText,
});
