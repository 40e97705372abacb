import "server-only";
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { Sql } from "postgres";
import type { Db } from "../client";
import { ABORTED } from "../errors";
import { insertOutboxMessages, type OutboxMessage } from "./outbox";
import { insertTimelineLines, type NewTimelineEvent } from "./timeline";
import { sqlOf } from "../raw";
import { webhookDeliveries } from "../schema";

export type NewDelivery = typeof webhookDeliveries.$inferInsert;

/** After this many failed attempts a delivery is `failed` and waits for an admin's Retry. */
export const MAX_DELIVERY_ATTEMPTS = 8;

/** A delivery that is still to be applied (pending, or failed and now re-sent or retried) can be taken over. */
const unapplied = sql`${webhookDeliveries.status} in ('pending', 'failed')`;

/**
 * Records an applied delivery. Null when the same delivery (source + dedupe key) was recorded before, unless
 * that one is still pending or failed: then this one is its application and the row becomes `applied`.
 */
export async function recordAppliedDelivery({ db, values }: { db: Db; values: NewDelivery }): Promise<number | null> {
  // On the webhook hot path: hand-written and prepared (see db/raw.ts).
  const rows = await insertApplied(sqlOf(db), values);
  return rows[0] ? Number(rows[0].id) : null;
}

/** The inbox row of an applied delivery, taking over a pending or failed one; returns its id, or nothing. */
function insertApplied(sql: Sql, values: NewDelivery) {
  return sql`
    insert into webhook_deliveries (source, event_type, dedupe_key, received_at, status, content_type, body, request_ids)
    values (${values.source}, ${values.eventType ?? null}, ${values.dedupeKey}, ${(values.receivedAt ?? new Date()).toISOString()}::timestamptz,
      'applied', ${values.contentType ?? null}, ${values.body}, ${values.requestIds ?? []}::int[])
    on conflict (source, dedupe_key) do update set
      status = 'applied', error = null, payload = null, next_attempt_at = null,
      request_ids = excluded.request_ids, event_type = excluded.event_type
    where webhook_deliveries.status in ('pending', 'failed')
    returning id`;
}

/**
 * recordAppliedDelivery for the statement sent with its transaction's commit, with the delivery's timeline lines and
 * outbox messages, and the look for parked signals waiting under `waitingKeys` (lockParkedSignals): one statement where
 * there were four. Where that would answer null (applied before) it fails with ABORTED.deliveryApplied, and where a
 * signal waits with ABORTED.signalsWaiting, so the commit becomes a rollback.
 */
export async function recordAppliedDeliveryOrAbort({
  db,
  values,
  timeline,
  outbox,
  waitingKeys,
}: {
  db: Db;
  values: NewDelivery;
  timeline: NewTimelineEvent[];
  outbox: OutboxMessage[];
  waitingKeys: string[];
}): Promise<number> {
  const sql = sqlOf(db);
  const rows = await sql`
    with lines as (${insertTimelineLines(sql, timeline)}),
      queued as (${insertOutboxMessages(sql, outbox)}),
      recorded as (${insertApplied(sql, values)})
    select
      coalesce((select id from recorded), abort_transaction(${ABORTED.deliveryApplied}, 'this delivery was applied before')) as id,
      (select abort_transaction(${ABORTED.signalsWaiting}, 'parked signals wait for this change')
        from (select id from parked_signals where status = 'parked' and keys && ${waitingKeys}::text[]
          limit 1 for update skip locked) waiting) as waiting`;
  return Number(rows[0]?.id);
}

/** Records a delivery that will not be applied (ignored, rejected); a pending row of the same bytes becomes it. */
export async function recordUnappliedDelivery({ db, values }: { db: Db; values: NewDelivery }): Promise<number | null> {
  const rows = await db
    .insert(webhookDeliveries)
    .values({ ...values, payload: null })
    .onConflictDoUpdate({
      target: [webhookDeliveries.source, webhookDeliveries.dedupeKey],
      set: { status: sql`excluded.status`, error: sql`excluded.error`, payload: null, nextAttemptAt: null },
      setWhere: unapplied,
    })
    .returning({ id: webhookDeliveries.id });
  return rows[0]?.id ?? (await findDeliveryId({ db, source: values.source, dedupeKey: values.dedupeKey }));
}

/**
 * Keeps a delivery whose transaction failed: `pending` with its raw bytes, the next attempt after a back-off
 * growing from 5 s to an hour; `failed` after MAX_DELIVERY_ATTEMPTS. A row that exists already counts one more
 * attempt. Never touches an applied row.
 */
export async function recordPendingDelivery({ db, values }: { db: Db; values: NewDelivery & { payload: Uint8Array } }) {
  const attempts = sql`${webhookDeliveries.attempts} + 1`;
  const rows = await db
    .insert(webhookDeliveries)
    .values({ ...values, status: "pending", attempts: 1, nextAttemptAt: sql`now() + interval '5 seconds'` })
    .onConflictDoUpdate({
      target: [webhookDeliveries.source, webhookDeliveries.dedupeKey],
      set: {
        attempts,
        error: sql`excluded.error`,
        status: sql`case when ${attempts} >= ${MAX_DELIVERY_ATTEMPTS} then 'failed' else 'pending' end`,
        nextAttemptAt: sql`now() + least(interval '5 seconds' * power(3, ${webhookDeliveries.attempts}), interval '1 hour')`,
        payload: sql`coalesce(${webhookDeliveries.payload}, excluded.payload)`,
      },
      setWhere: unapplied,
    })
    .returning({ id: webhookDeliveries.id, status: webhookDeliveries.status });
  return rows[0] ?? null;
}

export async function findDeliveryId({ db, source, dedupeKey }: { db: Db; source: NewDelivery["source"]; dedupeKey: string }) {
  const rows = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.source, source), eq(webhookDeliveries.dedupeKey, dedupeKey)))
    .limit(1);
  return rows[0]?.id ?? null;
}

export type DueDelivery = { id: number; source: NewDelivery["source"]; contentType: string | null; payload: Uint8Array | null; receivedAt: Date };

/**
 * Claims pending deliveries whose next attempt is due, oldest first, for a lease of two minutes (another
 * instance skips them meanwhile; a crashed worker's claim simply runs out).
 */
export async function claimDueDeliveries({ db, limit }: { db: Db; limit: number }): Promise<DueDelivery[]> {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, sql`now()`)))
    .orderBy(webhookDeliveries.id)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db.update(webhookDeliveries).set({ nextAttemptAt: sql`now() + interval '2 minutes'` }).where(inArray(webhookDeliveries.id, due)).returning({
    id: webhookDeliveries.id,
    source: webhookDeliveries.source,
    contentType: webhookDeliveries.contentType,
    payload: webhookDeliveries.payload,
    receivedAt: webhookDeliveries.receivedAt,
  });
}

/** A failed delivery back to pending, due now, with a fresh set of attempts (the admin's Retry). */
export async function requeueDelivery({ db, id }: { db: Db; id: number }): Promise<DueDelivery | null> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now() + interval '2 minutes'` })
    .where(and(eq(webhookDeliveries.id, id), unapplied))
    .returning({
      id: webhookDeliveries.id,
      source: webhookDeliveries.source,
      contentType: webhookDeliveries.contentType,
      payload: webhookDeliveries.payload,
      receivedAt: webhookDeliveries.receivedAt,
    });
  return rows[0] ?? null;
}

/** A pending delivery that cannot be applied at all (its bytes are gone): failed with the reason. */
export async function failDelivery({ db, id, error }: { db: Db; id: number; error: string }): Promise<void> {
  await db.update(webhookDeliveries).set({ status: "failed", error, nextAttemptAt: null }).where(eq(webhookDeliveries.id, id));
}

export async function countDeliveriesByStatus({ db }: { db: Db }): Promise<{ pending: number; failed: number }> {
  const rows = await db
    .select({ status: webhookDeliveries.status, n: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .where(unapplied)
    .groupBy(webhookDeliveries.status);
  return { pending: rows.find((r) => r.status === "pending")?.n ?? 0, failed: rows.find((r) => r.status === "failed")?.n ?? 0 };
}
