import type { InFlightDownload } from "@/lib/domain/library-import";
import type { ArrQueueRecord } from "./schema";

type Owner = { title?: string | null; year?: number | null; tmdbId?: number | null; tvdbId?: number | null };

/** A queue record with its movie/series (includeMovie / includeSeries) as a download in flight. */
export function inFlightDownload(source: "sonarr" | "radarr", r: ArrQueueRecord): InFlightDownload | null {
  if (!r.downloadId) return null;
  const owner = ((source === "radarr" ? r.movie : r.series) ?? null) as Owner | null;
  if (!owner?.title) return null;
  const size = r.size ?? null;
  const left = r.sizeleft ?? null;
  return {
    source,
    hash: r.downloadId,
    title: owner.title,
    year: owner.year ?? null,
    tmdbId: source === "radarr" ? (owner.tmdbId ?? null) : null,
    tvdbId: source === "sonarr" ? (owner.tvdbId ?? null) : null,
    arrId: (source === "radarr" ? r.movieId : r.seriesId) ?? null,
    size,
    progress: size && left !== null ? Math.min(1, Math.max(0, 1 - left / size)) : 0,
  };
}
