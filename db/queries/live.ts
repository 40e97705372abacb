import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { readRows, sqlOf } from "../raw";
import { episodes, requests, timelineEvents, type EpisodeRow, type RequestRow } from "../schema";

// The live fan-out reads these after every commit, on the way from a webhook to every client: hand-written and
// prepared (see db/raw.ts), so each is one round trip and the batch's reads go out together.

export async function listRequestsByIds({ db, ids }: { db: Db; ids: number[] }): Promise<RequestRow[]> {
  if (ids.length === 0) return [];
  const rows = await sqlOf(db)`select * from requests where id = any(${ids}::int[])`;
  return readRows(requests, rows);
}

/** The newest timeline sequence number, 0 for an empty timeline. */
export async function latestTimelineSeq({ db }: { db: Db }): Promise<number> {
  const rows = await db.select({ seq: sql<string | number | null>`max(${timelineEvents.seq})` }).from(timelineEvents);
  return Number(rows[0]?.seq ?? 0);
}

/** Episodes of these requests written at or after `since` (a transaction's now()), in episode order. */
export async function listEpisodesChangedSince({ db, requestIds, since }: { db: Db; requestIds: number[]; since: Date }): Promise<EpisodeRow[]> {
  if (requestIds.length === 0) return [];
  const rows = await sqlOf(db)`
    select * from episodes where request_id = any(${requestIds}::int[]) and updated_at >= ${since.toISOString()}
    order by season_number, episode_number`;
  return readRows(episodes, rows);
}
