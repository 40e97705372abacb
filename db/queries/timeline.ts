import "server-only";
import { asc, eq, gt } from "drizzle-orm";
import type { Db } from "../client";
import { timelineEvents, type TimelineRow } from "../schema";

export type NewTimelineEvent = typeof timelineEvents.$inferInsert;

export async function appendTimelineEvents({ db, entries }: { db: Db; entries: NewTimelineEvent[] }) {
  if (entries.length === 0) return;
  await db.insert(timelineEvents).values(entries);
}

export async function listTimelineForRequest({ db, requestId }: { db: Db; requestId: number }): Promise<TimelineRow[]> {
  return db.select().from(timelineEvents).where(eq(timelineEvents.requestId, requestId)).orderBy(asc(timelineEvents.seq));
}

/** Timeline rows after a sequence number, oldest first: what a reconnecting live client missed. */
export async function listTimelineAfter({ db, afterSeq, limit }: { db: Db; afterSeq: number; limit: number }) {
  return db
    .select()
    .from(timelineEvents)
    .where(gt(timelineEvents.seq, afterSeq))
    .orderBy(asc(timelineEvents.seq))
    .limit(limit);
}
