import "server-only";
import type { RequestRow } from "@/db/schema";
import type { DomainEvent, EpisodeRef, MediaRef } from "@/lib/domain/events";
import type { ArrHistoryRecord } from "@/lib/integrations/arr/schema";
import type { Clients } from "@/lib/integrations/clients";

/** The request's own identity, so correlation finds exactly this request again. */
export function mediaOf(row: RequestRow): MediaRef {
  return {
    mediaType: row.mediaType,
    tmdbId: row.tmdbId,
    tvdbId: row.tvdbId,
    imdbId: row.imdbId,
    title: row.title,
    year: row.year,
    posterUrl: null,
    isAnime: row.isAnime,
    arrId: row.arrId,
  };
}

const grabbed = (r: ArrHistoryRecord) => r.eventType === "grabbed";
const imported = (r: ArrHistoryRecord) => r.eventType === "downloadFolderImported";

function text(data: Record<string, unknown>, key: string): string | null {
  const v = data[key];
  return typeof v === "string" && v.trim() !== "" ? v : null;
}

function episodesOf(records: ArrHistoryRecord[], seasons: number[]): EpisodeRef[] {
  const refs = new Map<string, EpisodeRef>();
  for (const r of records) {
    const e = r.episode;
    if (!e || (seasons.length > 0 && !seasons.includes(e.seasonNumber))) continue;
    refs.set(`${e.seasonNumber}x${e.episodeNumber}`, {
      seasonNumber: e.seasonNumber,
      episodeNumber: e.episodeNumber,
      title: e.title ?? null,
      airDate: null,
      tvdbId: e.tvdbId ?? null,
      arrEpisodeId: r.episodeId ?? null,
    });
  }
  return [...refs.values()];
}

/**
 * Grabs and imports Sonarr/Radarr recorded in their history, as the webhooks would have said them.
 * Oldest first, so a grab is applied before the import of the same download.
 */
export function historyEvents(row: RequestRow, found: FoundHistory): DomainEvent[] {
  const { source, history } = found;
  const media = { ...mediaOf(row), isAnime: found.isAnime ?? row.isAnime };
  const byDownload = new Map<string, ArrHistoryRecord[]>();
  for (const r of [...history].reverse()) {
    if (!r.downloadId || !(grabbed(r) || imported(r))) continue;
    byDownload.set(r.downloadId, [...(byDownload.get(r.downloadId) ?? []), r]);
  }
  const events: DomainEvent[] = [];
  for (const [downloadId, records] of byDownload) {
    const grabs = records.filter(grabbed);
    const imports = records.filter(imported);
    const first = grabs[0] ?? imports[0];
    const release = { title: first?.sourceTitle ?? null, quality: null, indexer: first ? text(first.data, "indexer") : null, size: null };
    const episodes = source === "sonarr" ? episodesOf(records, row.requestedSeasons) : [];
    if (source === "sonarr" && episodes.length === 0) continue;
    if (grabs.length > 0)
      events.push({
        type: "release.grabbed",
        source,
        media,
        downloadId,
        episodes: source === "sonarr" ? episodesOf(grabs, row.requestedSeasons) : [],
        release,
      });
    if (imports.length > 0) {
      const paths = imports.map((r) => text(r.data, "importedPath")).filter((p): p is string => p !== null);
      events.push({
        type: "release.imported",
        source,
        media,
        downloadId,
        episodes: source === "sonarr" ? episodesOf(imports, row.requestedSeasons) : [],
        paths,
        isUpgrade: false,
        complete: true,
        release,
      });
    }
  }
  return events;
}

export type FoundHistory = { source: "sonarr" | "radarr"; history: ArrHistoryRecord[]; isAnime: boolean | null };

/** The whole history of the request's movie or series (and whether it is anime), or null when the service does not know it. */
export async function requestHistory(row: RequestRow, clients: Clients): Promise<FoundHistory | null> {
  if (row.mediaType === "movie" && clients.radarr && row.tmdbId !== null) {
    const movie = await clients.radarr.movieByTmdbId(row.tmdbId);
    if (!movie) return null;
    const labels = await clients.radarr.tagLabels(movie.tags);
    return { source: "radarr", history: await clients.radarr.movieHistory(movie.id), isAnime: labels.includes("anime") };
  }
  if (row.mediaType === "tv" && clients.sonarr && row.tvdbId !== null) {
    const series = await clients.sonarr.seriesByTvdbId(row.tvdbId);
    if (!series) return null;
    return {
      source: "sonarr",
      history: await clients.sonarr.seriesHistory(series.id),
      isAnime: series.seriesType ? series.seriesType === "anime" : null,
    };
  }
  return null;
}
