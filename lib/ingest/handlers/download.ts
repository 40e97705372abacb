import "server-only";
import { findDownload, insertDownload, updateDownload } from "@/db/queries/downloads";
import { lockIdentityKeys } from "@/db/queries/locks";
import type { DownloadCompletedEvent } from "@/lib/domain/events";
import { lockRequestsHoldingDownload } from "@/db/queries/requests";
import { adoptLocked, defer, type ApplyContext } from "../context";
import { signalDownloadHolders } from "../holders";

/**
 * qBittorrent finished a torrent. Every item the torrent holds is downloaded. A hash nobody grabbed yet is
 * kept, so the grab that names it later starts at downloaded.
 */
export async function applyDownloadCompleted(ctx: ApplyContext, e: DownloadCompletedEvent): Promise<void> {
  // Sent together: the server runs them in order, so the reads see what committed before the lock.
  const [, download, holders] = await Promise.all([
    lockIdentityKeys({ db: ctx.db, keys: [`dl:${e.hash}`] }),
    findDownload({ db: ctx.db, hash: e.hash }),
    lockRequestsHoldingDownload({ db: ctx.db, hash: e.hash }),
  ]);
  adoptLocked(ctx, holders);
  const owners = holders.rows.map((r) => r.id);
  if (!download) {
    await insertDownload({
      db: ctx.db,
      values: { hash: e.hash, source: "qbittorrent", name: e.name, size: e.size, status: "completed", progress: 1, completedAt: ctx.now },
    });
    return;
  }
  if (download.status === "queued" || download.status === "downloading" || download.status === "failed") {
    defer(
      ctx,
      updateDownload({
        db: ctx.db,
        hash: e.hash,
        values: { status: "completed", progress: 1, downloadSpeed: 0, etaSeconds: 0, completedAt: download.completedAt ?? ctx.now },
      }),
    );
  }

  await signalDownloadHolders(ctx, download, owners, "download_completed", (which) => ({
    event: "download.completed",
    message: `Finished downloading ${which}`,
    data: { hash: e.hash, release: e.name },
  }));
}
