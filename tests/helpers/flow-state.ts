import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { downloads, episodes, requests } from "@/db/schema";
import { titleKey } from "@/lib/domain/describe";
import type { Flow } from "./flows";

/**
 * What a flow ended as, without ids, times or who created the request first: the state every order of its
 * deliveries must reach. Every request about the flow's title is listed, so a split into two would show.
 */
export async function flowState(db: Db, flow: Flow) {
  const rows = await db
    .select()
    .from(requests)
    .where(eq(requests.titleKey, titleKey(flow.title)))
    .orderBy(asc(requests.id));
  const ids = rows.map((r) => r.id);
  const eps = ids.length > 0 ? await db.select().from(episodes).where(inArray(episodes.requestId, ids)) : [];
  const dls = ids.length > 0 ? await db.select().from(downloads).where(inArray(downloads.requestId, ids)) : [];
  return rows.map((r) => ({
    mediaType: r.mediaType,
    title: r.title,
    year: r.year,
    stage: r.stage,
    ownStage: r.ownStage,
    isAnime: r.isAnime,
    jellyseerrRequestId: r.jellyseerrRequestId,
    ids: [r.tmdbId, r.tvdbId, r.imdbId],
    requestedSeasons: r.requestedSeasons,
    requestedBy: r.requestedBy,
    episodeCounts: r.episodeCounts,
    attention: r.attentionKind,
    episodes: eps
      .filter((e) => e.requestId === r.id)
      .map((e) => `S${e.seasonNumber}E${e.episodeNumber} ${e.stage} ${e.downloadHash ?? "-"} ${e.jellyfinItemId ?? "-"} ${e.tvdbId ?? "-"}`)
      .sort(),
    downloads: dls
      .filter((d) => d.requestId === r.id)
      .map((d) => `${d.hash} ${d.status} ${d.progress}`)
      .sort(),
  }));
}
