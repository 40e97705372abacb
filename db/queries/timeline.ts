import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { PROGRESS_EVENT } from "@/lib/domain/timeline";
import type { Sql } from "postgres";
import type { Db } from "../client";
import { readRows, sqlOf } from "../raw";
import { timelineEvents, type TimelineRow } from "../schema";

export type NewTimelineEvent = typeof timelineEvents.$inferInsert;

/**
 * The insert of timeline lines, one statement whatever their number (they go as one JSON parameter): prepared, on the
 * webhook hot path, alone or inside the inbox row's statement (recordAppliedDeliveryOrAbort).
 */
export function insertTimelineLines(sql: Sql, entries: NewTimelineEvent[]) {
  const rows = entries.map((e) => ({
    request_id: e.requestId ?? null,
    at: (e.at ?? new Date()).toISOString(),
    source: e.source,
    event: e.event,
    stage: e.stage ?? null,
    message: e.message,
    data: e.data ?? null,
  }));
  return sql`
    insert into timeline_events (request_id, at, source, event, stage, message, data)
    select request_id, at, source, event, stage, message, data
    from jsonb_populate_recordset(null::timeline_events, ${JSON.stringify(rows)}::jsonb)`;
}

export async function appendTimelineEvents({ db, entries }: { db: Db; entries: NewTimelineEvent[] }) {
  if (entries.length === 0) return;
  await insertTimelineLines(sqlOf(db), entries);
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

/**
 * Timeline rows after a sequence number, oldest first: what a reconnecting live client missed, and the live fan-out's
 * read after each commit (prepared: one round trip on the way from a webhook to every client).
 */
export async function listTimelineAfter({ db, afterSeq, limit }: { db: Db; afterSeq: number; limit: number }): Promise<TimelineRow[]> {
  const rows = await sqlOf(db)`select * from timeline_events where seq > ${afterSeq} order by seq limit ${limit}`;
  return readRows(timelineEvents, rows);
}
