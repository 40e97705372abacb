import "server-only";
import type { Db } from "@/db/client";
import type { DownloadRow } from "@/db/schema";
import { listActiveDownloads } from "@/db/queries/workflows";
import type { DomainEvent } from "@/lib/domain/events";
import { applyTrackerEvents } from "@/lib/ingest/tracker";
import type { QbitClient } from "@/lib/integrations/qbittorrent/client";
import { isTorrentComplete, QBIT_INFINITE_ETA, type QbitTorrent } from "@/lib/integrations/qbittorrent/schema";

/** Any fixed number shared by every instance: only the holder polls qBittorrent in a tick. */
export const POLLER_LOCK = 727_101;

export type PollResult = { outcome: "locked" | "idle" | "polled"; active: number; events: number };

/** What one torrent's current numbers mean for our row, or null when nothing changed since the last poll. */
export function torrentEvent(row: DownloadRow, t: QbitTorrent): DomainEvent | null {
  if (isTorrentComplete(t)) {
    // Complete at first sight goes straight to downloaded, whatever the row said before.
    return { type: "download.completed", hash: row.hash, name: t.name, size: t.size > 0 ? t.size : null, contentPath: t.content_path ?? null };
  }
  const speed = t.dlspeed;
  const etaSeconds = t.eta >= QBIT_INFINITE_ETA || t.eta < 0 ? null : t.eta;
  if (row.progress === t.progress && row.downloadSpeed === speed && row.etaSeconds === etaSeconds && row.clientState === t.state) return null;
  return {
    type: "download.progress",
    hash: row.hash,
    name: t.name,
    size: t.size > 0 ? t.size : null,
    progress: t.progress,
    speed,
    etaSeconds,
    clientState: t.state,
  };
}

/** Runs `fn` only if this instance gets the poller's lock (a session advisory lock, no transaction). */
export type PollLock = (fn: () => Promise<void>) => Promise<{ acquired: boolean }>;

const noLock: PollLock = async (fn) => {
  await fn();
  return { acquired: true };
};

/**
 * One poll tick: while any download is active, ask qBittorrent for exactly those torrents and apply what
 * changed. The rows are read, qBittorrent is asked with no transaction open, and the write-back recomputes each
 * change against the row as it is then (compare-and-set): a slow qBittorrent never holds a database lock, and a
 * webhook that moved the download meanwhile wins. With `lock`, concurrent instances skip the tick.
 */
export async function pollDownloads({ db, qbit, lock = noLock }: { db: Db; qbit: QbitClient; lock?: PollLock }): Promise<PollResult> {
  const result: PollResult = { outcome: "locked", active: 0, events: 0 };
  await lock(async () => {
    const active = await listActiveDownloads({ db });
    result.active = active.length;
    result.outcome = active.length === 0 ? "idle" : "polled";
    if (active.length === 0) return;
    const torrents = new Map((await qbit.torrents(active.map((d) => d.hash))).map((t) => [t.hash, t]));
    const changed = active.some((row) => {
      const t = torrents.get(row.hash);
      return t !== undefined && torrentEvent(row, t) !== null;
    });
    if (!changed) return;
    await applyTrackerEvents({
      db,
      source: "qbittorrent",
      events: async (ctx) => {
        const fresh = await listActiveDownloads({ db: ctx.db });
        const events = fresh.flatMap((row) => {
          const t = torrents.get(row.hash);
          const event = t ? torrentEvent(row, t) : null;
          return event ? [event] : [];
        });
        result.events = events.length;
        return events.length > 0 ? events : null;
      },
    });
  });
  return result;
}
