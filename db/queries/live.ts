import "server-only";
import { and, asc, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { episodes, requests, timelineEvents, type EpisodeRow, type RequestRow } from "../schema";

export async function listRequestsByIds({ db, ids }: { db: Db; ids: number[] }): Promise<RequestRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(requests).where(inArray(requests.id, ids));
}

/** The newest timeline sequence number, 0 for an empty timeline. */
export async function latestTimelineSeq({ db }: { db: Db }): Promise<number> {
  const rows = await db.select({ seq: sql<string | number | null>`max(${timelineEvents.seq})` }).from(timelineEvents);
  return Number(rows[0]?.seq ?? 0);
}

/** Episodes of these requests written at or after `since` (a transaction's now()), in episode order. */
export async function listEpisodesChangedSince({ db, requestIds, since }: { db: Db; requestIds: number[]; since: Date }): Promise<EpisodeRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .select()
    .from(episodes)
    .where(and(inArray(episodes.requestId, requestIds), gte(episodes.updatedAt, since)))
    .orderBy(asc(episodes.seasonNumber), asc(episodes.episodeNumber));
}
