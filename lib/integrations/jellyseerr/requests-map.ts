import { stageOfSeerrStatus, type ImportedRequest } from "@/lib/domain/library-import";
import type { JellyseerrRequestRecord } from "./requests-schema";

/** A Jellyseerr request as the library import sees it: who asked, when, for what, and how far Jellyseerr says it got. */
export function importedRequest(r: JellyseerrRequestRecord): ImportedRequest | null {
  const mediaType = r.type ?? r.media?.mediaType ?? null;
  if (!mediaType || !r.media) return null;
  const user = r.requestedBy;
  const at = r.createdAt ? new Date(r.createdAt) : null;
  return {
    jellyseerrRequestId: r.id,
    mediaType,
    tmdbId: r.media.tmdbId ?? null,
    tvdbId: r.media.tvdbId ?? null,
    requestedBy: user?.jellyfinUsername ?? user?.displayName ?? user?.username ?? null,
    requestedByEmail: user?.email ?? null,
    requestedAt: at && !Number.isNaN(at.getTime()) ? at : null,
    seasons: (r.seasons ?? []).map((s) => s.seasonNumber),
    stage: stageOfSeerrStatus(r.status, r.media.status ?? null),
  };
}
