import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { PROGRESS_EVENT } from "@/lib/domain/timeline";
import type { Db } from "../client";
import { sqlOf } from "../raw";
import { timelineEvents, type TimelineRow } from "../schema";

export type NewTimelineEvent = typeof timelineEvents.$inferInsert;

/** One statement whatever the number of lines (they go as one JSON parameter): prepared, on the webhook hot path. */
export async function appendTimelineEvents({ db, entries }: { db: Db; entries: NewTimelineEvent[] }) {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    request_id: e.requestId ?? null,
    at: (e.at ?? new Date()).toISOString(),
    source: e.source,
    event: e.event,
    stage: e.stage ?? null,
    message: e.message,
    data: e.data ?? null,
  }));
  await sqlOf(db)`
    insert into timeline_events (request_id, at, source, event, stage, message, data)
    select request_id, at, source, event, stage, message, data
    from jsonb_populate_recordset(null::timeline_events, ${JSON.stringify(rows)}::jsonb)`;
}

/** A request's story, oldest first, with superseded progress ticks left out (see collapseProgress). */
export async function listTimelineForRequest({ db, requestId }: { db: Db; requestId: number }): Promise<TimelineRow[]> {
  return db
    .select()
    .from(timelineEvents)
    .where(
      and(
        eq(timelineEvents.requestId, requestId),
        sql`not (${timelineEvents.event} = ${PROGRESS_EVENT} and exists (
          select 1 from timeline_events later where later.request_id = ${timelineEvents.requestId} and later.event = ${PROGRESS_EVENT}
            and later.data->>'hash' = ${timelineEvents.data}->>'hash' and later.seq > ${timelineEvents.seq}))`,
      ),
    )
    .orderBy(asc(timelineEvents.seq));
}

/** Timeline rows after a sequence number, oldest first: what a reconnecting live client missed. */
export async function listTimelineAfter({ db, afterSeq, limit }: { db: Db; afterSeq: number; limit: number }) {
  return db.select().from(timelineEvents).where(gt(timelineEvents.seq, afterSeq)).orderBy(asc(timelineEvents.seq)).limit(limit);
}
