import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { requests, timelineEvents, type RequestRow } from "../schema";

export async function listRequestsByIds({ db, ids }: { db: Db; ids: number[] }): Promise<RequestRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(requests).where(inArray(requests.id, ids));
}

/** The newest timeline sequence number, 0 for an empty timeline. */
export async function latestTimelineSeq({ db }: { db: Db }): Promise<number> {
  const rows = await db.select({ seq: sql<string | number | null>`max(${timelineEvents.seq})` }).from(timelineEvents);
  return Number(rows[0]?.seq ?? 0);
}
