import "server-only";
import type { DownloadRow, RequestRow } from "@/db/schema";
import { findDownload, insertDownload, updateDownload } from "@/db/queries/downloads";
import { lockIdentityKeys } from "@/db/queries/locks";
import { describeEpisodes, formatBytes } from "@/lib/domain/describe";
import type { ImportBlockedEvent, ReleaseGrabbedEvent, ReleaseImportedEvent } from "@/lib/domain/events";
import { settle, signalEpisodes, signalOwn } from "@/lib/domain/request-state";
import { episodeKeys } from "@/lib/domain/park";
import type { Signal } from "@/lib/domain/transitions";
import { createRequest, findRequestForMedia, mediaLockKeys, mediaPatch } from "../correlate";
import { defer, loadRequests, record, type ApplyContext } from "../context";

type ArrEvent = ReleaseGrabbedEvent | ReleaseImportedEvent | ImportBlockedEvent;

const service = { sonarr: "Sonarr", radarr: "Radarr" } as const;

function seasonsOf(e: ArrEvent): number[] {
  return [...new Set(e.episodes.map((ep) => ep.seasonNumber))];
}

/**
 * The request an *arr event belongs to: the one that owns its download, else by provider ids and
 * seasons; if none exists, one is created so nothing Sonarr/Radarr does is invisible.
 */
async function resolveRequest(ctx: ApplyContext, e: ArrEvent): Promise<{ requestId: RequestRow["id"]; download: DownloadRow | null }> {
  // Sent together: the server runs them in order, so both lookups see what committed before the lock.
  const [, download, found] = await Promise.all([
    lockIdentityKeys({ db: ctx.db, keys: [...mediaLockKeys(e.media), ...episodeKeys(e.episodes), ...(e.downloadId ? [`dl:${e.downloadId}`] : [])] }),
    e.downloadId ? findDownload({ db: ctx.db, hash: e.downloadId }) : null,
    findRequestForMedia(ctx, e.media, seasonsOf(e)),
  ]);
  if (download?.requestId) return { requestId: download.requestId, download };
  if (found) return { requestId: found.id, download };
  const created = await createRequest(ctx, { source: e.source, media: e.media, ownStage: "grabbing" });
  return { requestId: created.id, download };
}

/** Applies one item signal to a movie request or to the event's episodes of a tv request. */
function signalItems(loaded: Awaited<ReturnType<typeof loadRequests>>[number], e: ArrEvent, signal: Signal, ctx: ApplyContext) {
  const { state } = loaded;
  if (state.mediaType === "movie" || e.episodes.length === 0) {
    signalOwn(state, signal);
    return;
  }
  // The request leaves a failed/declined/approved state once real work happens for any of its episodes.
  signalOwn(state, "grabbed");
  signalEpisodes(state, e.episodes, signal, ctx.now, { downloadHash: e.downloadId });
}

const episodeNumbers = (e: ArrEvent) => e.episodes.map((ep) => ({ seasonNumber: ep.seasonNumber, episodeNumber: ep.episodeNumber }));

function what(e: ArrEvent): string {
  return e.episodes.length > 0 ? describeEpisodes(e.episodes) : e.media.mediaType === "movie" ? "the movie" : "the series";
}

export async function applyGrab(ctx: ApplyContext, e: ReleaseGrabbedEvent): Promise<void> {
  const { requestId, download: existing } = await resolveRequest(ctx, e);
  const [loaded] = await loadRequests(ctx, [requestId]);
  if (!loaded) return;

  let alreadyComplete = false;
  if (e.downloadId) {
    alreadyComplete = existing?.status === "completed" || existing?.status === "imported";
    const facts = { name: e.release.title, size: e.release.size, quality: e.release.quality, indexer: e.release.indexer };
    if (existing) defer(ctx, updateDownload({ db: ctx.db, hash: e.downloadId, values: { requestId, source: e.source, ...facts } }));
    else defer(ctx, insertDownload({ db: ctx.db, values: { hash: e.downloadId, requestId, source: e.source, status: "queued", ...facts } }));
  }

  loaded.patch = {
    ...loaded.patch,
    ...mediaPatch(loaded.row, e.media),
    quality: e.release.quality ?? loaded.row.quality,
    indexer: e.release.indexer ?? loaded.row.indexer,
  };
  // A torrent the client already finished (its "finished" call came first) skips straight to downloaded.
  signalItems(loaded, e, alreadyComplete ? "download_completed" : "grabbed", ctx);

  // The release's own name and the hash are facts for the details, not words for the sentence.
  const details = [e.release.quality, formatBytes(e.release.size)].filter(Boolean).join(", ");
  const isUpgrade = loaded.row.stage === "available";
  record(ctx, loaded, {
    event: "release.grabbed",
    message: `${service[e.source]} grabbed ${isUpgrade ? "an upgrade for " : ""}${what(e)}${details ? ` (${details})` : ""}`,
    data: {
      downloadId: e.downloadId,
      episodes: episodeNumbers(e),
      release: e.release.title,
      quality: e.release.quality,
      indexer: e.release.indexer,
      size: e.release.size,
      upgrade: isUpgrade,
    },
  });
}

export async function applyImport(ctx: ApplyContext, e: ReleaseImportedEvent): Promise<void> {
  const { requestId, download: existing } = await resolveRequest(ctx, e);
  const [loaded] = await loadRequests(ctx, [requestId]);
  if (!loaded) return;

  if (e.downloadId) {
    const done = { status: "imported" as const, progress: 1, importedAt: ctx.now };
    if (existing) {
      defer(ctx, updateDownload({ db: ctx.db, hash: e.downloadId, values: { ...done, completedAt: existing.completedAt ?? ctx.now } }));
    } else {
      defer(
        ctx,
        insertDownload({
          db: ctx.db,
          values: { hash: e.downloadId, requestId, source: e.source, name: e.release.title, size: e.release.size, ...done, completedAt: ctx.now },
        }),
      );
    }
  }

  const isAnime = e.media.isAnime ?? loaded.row.isAnime;
  loaded.patch = { ...loaded.patch, ...mediaPatch(loaded.row, e.media), quality: e.release.quality ?? loaded.row.quality };
  // An import proves the download finished, whatever the download looked like before.
  signalItems(loaded, e, isAnime ? "imported_anime" : "imported", ctx);
  if (loaded.state.attention?.kind === "import_blocked") loaded.state.attention = null;

  ctx.outbox.push({
    name: "tracker/import.completed",
    payload: {
      requestId,
      mediaType: e.media.mediaType,
      isAnime,
      paths: e.paths,
      episodes: e.episodes.map((ep) => ({ seasonNumber: ep.seasonNumber, episodeNumber: ep.episodeNumber })),
    },
  });
  const next = isAnime ? "; waiting for Shoko to match it" : "; waiting for Jellyfin";
  record(ctx, loaded, {
    event: "release.imported",
    message: `${service[e.source]} imported ${e.isUpgrade ? "an upgrade of " : ""}${what(e)}${next}`,
    data: {
      downloadId: e.downloadId,
      paths: e.paths,
      upgrade: e.isUpgrade,
      episodes: episodeNumbers(e),
    },
  });
}

export async function applyImportBlocked(ctx: ApplyContext, e: ImportBlockedEvent): Promise<void> {
  const { requestId, download: existing } = await resolveRequest(ctx, e);
  const [loaded] = await loadRequests(ctx, [requestId]);
  if (!loaded) return;

  if (e.downloadId) {
    const values = { status: "completed" as const, progress: 1, completedAt: existing?.completedAt ?? ctx.now };
    if (existing && existing.status !== "imported") await updateDownload({ db: ctx.db, hash: e.downloadId, values });
    if (!existing) await insertDownload({ db: ctx.db, values: { hash: e.downloadId, requestId, source: e.source, ...values } });
  }
  loaded.patch = { ...loaded.patch, ...mediaPatch(loaded.row, e.media) };
  signalItems(loaded, e, "import_blocked", ctx);
  // Raised at the stage the request shows now, so only progress beyond it (or an import) clears it.
  const { after } = settle(loaded.state, ctx.now);
  const since = loaded.state.attention?.kind === "import_blocked" ? loaded.state.attention.since : ctx.now;
  loaded.state.attention = { kind: "import_blocked", reason: `Import blocked: ${e.reason}`, since, stage: after, specific: true };
  record(ctx, loaded, {
    event: "import.blocked",
    message: `${service[e.source]} could not import ${what(e)}: ${e.reason}`,
    data: { downloadId: e.downloadId, episodes: episodeNumbers(e), reason: e.reason },
  });
}
