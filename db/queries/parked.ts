import "server-only";
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { readRows, sqlOf } from "../raw";
import { parkedSignals, type ParkedStatus } from "../schema";

export type NewParkedSignal = typeof parkedSignals.$inferInsert;
export type ParkedSignalRow = typeof parkedSignals.$inferSelect;

/** Keeps signals that matched nothing yet, in the transaction of their delivery. */
export async function insertParkedSignals({ db, values }: { db: Db; values: NewParkedSignal[] }): Promise<void> {
  if (values.length === 0) return;
  await db.insert(parkedSignals).values(values);
}

/**
 * Locks the parked signals waiting under any of `keys`, oldest first. Signals another transaction is applying
 * right now are skipped: that one resolves them, or leaves them parked for the next change.
 */
export async function lockParkedSignals({ db, keys, limit }: { db: Db; keys: string[]; limit: number }): Promise<ParkedSignalRow[]> {
  if (keys.length === 0) return [];
  // Asked after nearly every delivery: hand-written and prepared (see db/raw.ts).
  const rows = await sqlOf(db)`
    select * from parked_signals where status = 'parked' and keys && ${keys}::text[]
    order by id limit ${limit} for update skip locked`;
  return readRows(parkedSignals, rows);
}

export async function markParkedSignals({ db, ids, status, at }: { db: Db; ids: number[]; status: Exclude<ParkedStatus, "parked">; at: Date }) {
  if (ids.length === 0) return;
  await db.update(parkedSignals).set({ status, resolvedAt: at }).where(inArray(parkedSignals.id, ids));
}

/** Signals that waited their whole time without a match: kept for the admin list, never applied. */
export async function expireParkedSignals({ db, now }: { db: Db; now: Date }): Promise<number> {
  const rows = await db
    .update(parkedSignals)
    .set({ status: "expired", resolvedAt: now })
    .where(and(eq(parkedSignals.status, "parked"), lt(parkedSignals.expiresAt, now)))
    .returning({ id: parkedSignals.id });
  return rows.length;
}

/** Waiting and expired signals for the admin page, newest first. */
export async function listParkedSignals({ db, status, limit }: { db: Db; status: "parked" | "expired"; limit: number }) {
  return db
    .select({
      id: parkedSignals.id,
      deliveryId: parkedSignals.deliveryId,
      source: parkedSignals.source,
      summary: parkedSignals.summary,
      parkedAt: parkedSignals.parkedAt,
      expiresAt: parkedSignals.expiresAt,
      resolvedAt: parkedSignals.resolvedAt,
    })
    .from(parkedSignals)
    .where(eq(parkedSignals.status, status))
    .orderBy(desc(parkedSignals.parkedAt), desc(parkedSignals.id))
    .limit(limit);
}

export async function countParkedSignals({ db }: { db: Db }): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(parkedSignals).where(eq(parkedSignals.status, "parked"));
  return row?.n ?? 0;
}
