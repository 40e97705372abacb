import "server-only";
import { findDownload, updateDownload } from "@/db/queries/downloads";
import { lockRequestsHoldingDownload } from "@/db/queries/requests";
import { lockIdentityKeys } from "@/db/queries/locks";
import { PROGRESS_EVENT } from "@/lib/domain/timeline";
import { describeTransfer } from "@/lib/domain/timeline-words";
import type { DownloadProgressEvent } from "@/lib/domain/events";
import { adoptLocked, type ApplyContext } from "../context";
import { signalDownloadHolders } from "../holders";

/**
 * The download client reports a torrent still in progress. The row gets the live numbers and every item it
 * holds moves to downloading; each request it feeds gets one timeline line, which is what reaches the browser.
 */
export async function applyDownloadProgress(ctx: ApplyContext, e: DownloadProgressEvent): Promise<void> {
  await lockIdentityKeys({ db: ctx.db, keys: [`dl:${e.hash}`] });
  const download = await findDownload({ db: ctx.db, hash: e.hash });
  if (!download || download.status === "completed" || download.status === "imported") return;
  const unchanged =
    download.progress === e.progress &&
    download.downloadSpeed === e.speed &&
    download.etaSeconds === e.etaSeconds &&
    download.clientState === e.clientState;
  if (unchanged) return;
  await updateDownload({
    db: ctx.db,
    hash: e.hash,
    values: {
      status: "downloading",
      progress: e.progress,
      downloadSpeed: e.speed,
      etaSeconds: e.etaSeconds,
      clientState: e.clientState,
      size: e.size && e.size > 0 ? e.size : download.size,
      name: download.name ?? e.name,
    },
  });

  const holders = await lockRequestsHoldingDownload({ db: ctx.db, hash: e.hash });
  adoptLocked(ctx, holders);
  const owners = holders.rows.map((r) => r.id);
  await signalDownloadHolders(ctx, download, owners, "download_progress", (which) => ({
    event: PROGRESS_EVENT,
    message: `Downloading ${which}: ${describeTransfer(e)}`,
    data: { hash: e.hash, progress: e.progress, speed: e.speed, etaSeconds: e.etaSeconds, state: e.clientState },
  }));
}
