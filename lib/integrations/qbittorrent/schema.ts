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

/**
 * One torrent from `GET /api/v2/torrents/info` (WebUI API 2.8+). Only the fields the tracker reads;
 * `completion_on` is deliberately absent: before completion it depends on the time zone (contract §3.3).
 */
export const qbitTorrent = z.looseObject({
  hash: z.string().transform((h) => h.toLowerCase()),
  name: z.string(),
  /** Bytes selected for download; 0 while metadata is missing. */
  size: z.number(),
  progress: z.number().min(0).max(1),
  dlspeed: z.number(),
  /** Seconds; 8640000 means "infinite / not applicable". */
  eta: z.number(),
  state: z.string(),
  num_seeds: z.number().optional(),
  content_path: z.string().optional(),
  save_path: z.string().optional(),
});

export type QbitTorrent = z.output<typeof qbitTorrent>;

export const qbitTorrentList = z.array(qbitTorrent);

/** States in which every wanted byte is on disk (4.x `pausedUP`, 5.x `stoppedUP`). */
export const qbitCompleteStates: ReadonlySet<string> = new Set([
  "uploading",
  "stalledUP",
  "queuedUP",
  "forcedUP",
  "pausedUP",
  "stoppedUP",
  "checkingUP",
]);

export const QBIT_INFINITE_ETA = 8_640_000;

export function isTorrentComplete(t: Pick<QbitTorrent, "progress" | "state">): boolean {
  return t.progress >= 1 || qbitCompleteStates.has(t.state);
}
