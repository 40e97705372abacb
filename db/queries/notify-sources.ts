import "server-only";
import { and, asc, gt, inArray, isNotNull, lte, max, or, eq } from "drizzle-orm";
import type { Db } from "../client";
import { episodes, requests, timelineEvents } from "../schema";

/**
 * The timeline rows after `afterSeq` and those numbered `gaps` (seqs an earlier read skipped: taken by a transaction
 * that had not committed yet), in seq order, each with its request.
 */
export async function listTimelineRowsAfter({ db, afterSeq, gaps }: { db: Db; afterSeq: number; gaps: number[] }) {
  const after = gt(timelineEvents.seq, afterSeq);
  return db
    .select({ seq: timelineEvents.seq, requestId: timelineEvents.requestId })
    .from(timelineEvents)
    .where(gaps.length > 0 ? or(after, inArray(timelineEvents.seq, gaps)) : after)
    .orderBy(asc(timelineEvents.seq));
}

export async function latestSeq({ db }: { db: Db }): Promise<number> {
  const [top] = await db.select({ seq: max(timelineEvents.seq) }).from(timelineEvents);
  return Number(top?.seq ?? 0);
}

/** Requests whose attention has lasted since before `before` (stuck long enough to tell someone). */
export async function listLongAttention({ db, before }: { db: Db; before: Date }): Promise<number[]> {
  const rows = await db
    .select({ id: requests.id })
    .from(requests)
    .where(and(isNotNull(requests.attentionKind), lte(requests.attentionSince, before)))
    .limit(500);
  return rows.map((r) => r.id);
}

export async function loadRequestsWithEpisodes({ db, ids }: { db: Db; ids: number[] }) {
  if (ids.length === 0) return [];
  const [rows, eps] = await Promise.all([
    db.select().from(requests).where(inArray(requests.id, ids)),
    db.select().from(episodes).where(inArray(episodes.requestId, ids)),
  ]);
  return rows.map((row) => ({ row, episodes: eps.filter((e) => e.requestId === row.id) }));
}

/** What waits on an admin: requests not yet approved, and requests with attention. */
export async function listWaitingOnAdmins({ db }: { db: Db }) {
  return db
    .select({ title: requests.title, stage: requests.stage, attentionReason: requests.attentionReason })
    .from(requests)
    .where(or(eq(requests.stage, "requested"), isNotNull(requests.attentionKind)))
    .limit(50);
}
