import "server-only";
import { and, gt, inArray, isNotNull, lte, max, or, eq } from "drizzle-orm";
import type { Db } from "../client";
import { episodes, requests, timelineEvents } from "../schema";

/**
 * Requests the timeline touched after `afterSeq`, and the newest seq. A transaction that took a lower seq but
 * committed later is caught by re-reading `overlap` seqs behind the cursor (the facts it yields are keyed, so
 * reading twice says nothing twice).
 */
export async function listTouchedRequests({ db, afterSeq, overlap }: { db: Db; afterSeq: number; overlap: number }) {
  const rows = await db
    .selectDistinct({ requestId: timelineEvents.requestId })
    .from(timelineEvents)
    .where(and(gt(timelineEvents.seq, afterSeq - overlap), isNotNull(timelineEvents.requestId)));
  const [top] = await db.select({ seq: max(timelineEvents.seq) }).from(timelineEvents);
  return { requestIds: rows.map((r) => r.requestId).filter((id): id is number => id !== null), maxSeq: Number(top?.seq ?? 0) };
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
