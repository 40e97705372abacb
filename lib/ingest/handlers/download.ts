import "server-only";
import { findDownload, insertDownload, updateDownload } from "@/db/queries/downloads";
import { findRequestIdsByDownloadHash } from "@/db/queries/episodes";
import { lockIdentityKeys } from "@/db/queries/locks";
import { describeEpisodes } from "@/lib/domain/describe";
import type { DownloadCompletedEvent } from "@/lib/domain/events";
import { episodesOfDownload, signalEpisodes, signalOwn } from "@/lib/domain/request-state";
import { loadRequests, record, type ApplyContext } from "../context";

/**
 * qBittorrent finished a torrent. Every item the torrent holds is downloaded. A hash nobody grabbed yet is
 * kept, so the grab that names it later starts at downloaded.
 */
export async function applyDownloadCompleted(ctx: ApplyContext, e: DownloadCompletedEvent): Promise<void> {
  await lockIdentityKeys({ db: ctx.db, keys: [`dl:${e.hash}`] });
  const download = await findDownload({ db: ctx.db, hash: e.hash });
  if (!download) {
    await insertDownload({
      db: ctx.db,
      values: { hash: e.hash, source: "qbittorrent", name: e.name, size: e.size, status: "completed", progress: 1, completedAt: ctx.now },
    });
    return;
  }
  if (download.status === "queued" || download.status === "downloading" || download.status === "failed") {
    await updateDownload({
      db: ctx.db,
      hash: e.hash,
      values: { status: "completed", progress: 1, downloadSpeed: 0, etaSeconds: 0, completedAt: download.completedAt ?? ctx.now },
    });
  }

  const episodeOwners = await findRequestIdsByDownloadHash({ db: ctx.db, hash: e.hash });
  const ids = [...episodeOwners, ...(download.requestId ? [download.requestId] : [])];
  for (const loaded of await loadRequests(ctx, ids)) {
    const { state } = loaded;
    const held = episodesOfDownload(state, e.hash);
    if (state.mediaType === "movie") signalOwn(state, "download_completed");
    else signalEpisodes(state, held, "download_completed", ctx.now);
    const which = held.length > 0 ? describeEpisodes(held) : state.mediaType === "movie" ? "the movie" : "the release";
    record(ctx, loaded, {
      event: "download.completed",
      message: `Download of ${which} finished${e.name ? `: ${e.name}` : ""}`,
      data: { hash: e.hash },
    });
  }
}
