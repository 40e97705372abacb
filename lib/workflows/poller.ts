import "server-only";
import type { Db } from "@/db/client";
import type { DownloadRow } from "@/db/schema";
import { listActiveDownloads, tryTransactionLock } from "@/db/queries/workflows";
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
  return { type: "download.progress", hash: row.hash, name: t.name, size: t.size > 0 ? t.size : null, progress: t.progress, speed, etaSeconds, clientState: t.state };
}

/**
 * One poll tick: while any download is active, ask qBittorrent for exactly those torrents and apply what
 * changed. A transaction-scoped advisory lock makes concurrent instances skip the tick instead of polling twice.
 */
export async function pollDownloads({ db, qbit }: { db: Db; qbit: QbitClient }): Promise<PollResult> {
  const result: PollResult = { outcome: "locked", active: 0, events: 0 };
  await applyTrackerEvents({
    db,
    source: "qbittorrent",
    events: async (ctx) => {
      if (!(await tryTransactionLock({ db: ctx.db, key: POLLER_LOCK }))) return null;
      const active = await listActiveDownloads({ db: ctx.db });
      result.active = active.length;
      result.outcome = active.length === 0 ? "idle" : "polled";
      if (active.length === 0) return null;
      const torrents = new Map((await qbit.torrents(active.map((d) => d.hash))).map((t) => [t.hash, t]));
      const events = active.flatMap((row) => {
        const t = torrents.get(row.hash);
        const event = t ? torrentEvent(row, t) : null;
        return event ? [event] : [];
      });
      result.events = events.length;
      return events;
    },
  });
  return result;
}
