import type { DownloadRow, EpisodeRow, RequestRow, TimelineRow } from "@/db/schema";
import { weightedProgress } from "@/lib/domain/aggregate";
import { safeImageUrl } from "@/lib/domain/image-url";
import type { Stage } from "@/lib/domain/stages";
import { storyFacts } from "@/lib/domain/timeline-words";

const downloadingStages: ReadonlySet<Stage> = new Set<Stage>(["grabbing", "downloading"]);

/**
 * Progress of what is still downloading: size-weighted over the request's running torrents only (finished
 * ones would make a straggler look almost done); null once nothing of the request is waiting on a download.
 */
export function requestProgress(row: Pick<RequestRow, "mediaType" | "stage" | "episodeCounts">, downloads: readonly DownloadRow[]): number | null {
  const counts = row.episodeCounts ?? {};
  const waiting = row.mediaType === "tv" ? (counts.grabbing ?? 0) + (counts.downloading ?? 0) > 0 : downloadingStages.has(row.stage);
  if (!waiting) return null;
  const running = downloads.filter((d) => d.status === "queued" || d.status === "downloading");
  if (running.length === 0) return null;
  return weightedProgress(running.map((d) => ({ size: d.size, progress: d.progress })));
}

/** The public (API and portal) shape of a request: camelCase, ISO timestamps, lower-case stages. */
export function presentRequest(row: RequestRow, downloads: readonly DownloadRow[]) {
  return {
    id: row.id,
    title: row.title,
    year: row.year,
    mediaType: row.mediaType,
    stage: row.stage,
    isAnime: row.isAnime,
    is4k: row.is4k,
    tmdbId: row.tmdbId,
    tvdbId: row.tvdbId,
    imdbId: row.imdbId,
    jellyseerrRequestId: row.jellyseerrRequestId,
    source: row.source,
    requestedBy: row.requestedBy,
    requestedSeasons: row.requestedSeasons,
    posterUrl: safeImageUrl(row.posterUrl),
    quality: row.quality,
    indexer: row.indexer,
    progress: requestProgress(row, downloads),
    attention: row.attentionKind
      ? { kind: row.attentionKind, reason: row.attentionReason ?? "", since: row.attentionSince?.toISOString() ?? null }
      : null,
    episodeCounts: row.mediaType === "tv" ? (row.episodeCounts ?? {}) : null,
    /** tv: Sonarr's episode list was read, so every requested episode is listed (else only the grabbed ones). */
    episodeListKnown: row.mediaType === "tv" ? row.episodesListedAt !== null : null,
    removed: row.removedAt ? { by: row.removedBy ?? "upstream", at: row.removedAt.toISOString() } : null,
    stageTimes: row.stageTimes,
    jellyfinItemId: row.jellyfinItemId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    availableAt: row.availableAt?.toISOString() ?? null,
  };
}

export type RequestSummary = ReturnType<typeof presentRequest>;

export function presentEpisode(e: EpisodeRow) {
  return {
    seasonNumber: e.seasonNumber,
    episodeNumber: e.episodeNumber,
    title: e.title,
    airDate: e.airDate,
    stage: e.stage,
    downloadHash: e.downloadHash,
    jellyfinItemId: e.jellyfinItemId,
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function presentDownload(d: DownloadRow) {
  return {
    hash: d.hash,
    name: d.name,
    size: d.size,
    progress: d.progress,
    downloadSpeed: d.downloadSpeed,
    etaSeconds: d.etaSeconds,
    clientState: d.clientState,
    status: d.status,
    quality: d.quality,
    indexer: d.indexer,
    completedAt: d.completedAt?.toISOString() ?? null,
    importedAt: d.importedAt?.toISOString() ?? null,
  };
}

export function presentTimelineEvent(t: TimelineRow) {
  const hash = t.data?.hash;
  return {
    seq: t.seq,
    at: t.at.toISOString(),
    source: t.source,
    event: t.event,
    stage: t.stage,
    message: t.message,
    requestId: t.requestId,
    downloadHash: typeof hash === "string" ? hash : null,
    /** What the story folds and words lines from: the episodes the row is about and its plain facts. */
    ...storyFacts(t.data),
  };
}

export function presentRequestDetail(d: { request: RequestRow; episodes: EpisodeRow[]; downloads: DownloadRow[]; timeline: TimelineRow[] }) {
  return {
    ...presentRequest(d.request, d.downloads),
    episodes: d.episodes.map(presentEpisode),
    downloads: d.downloads.map(presentDownload),
    timeline: d.timeline.map(presentTimelineEvent),
  };
}
