import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { pendingChecks, type PendingCheckRow } from "../schema";

/** Starts (or restarts, after a new import) the request's verify chain: its first check is due at `dueAt`. */
export async function schedulePendingCheck({ db, requestId, dueAt, restart }: { db: Db; requestId: number; dueAt: Date; restart: boolean }) {
  const insert = db.insert(pendingChecks).values({ requestId, dueAt, attempt: 0, checked: [] });
  if (!restart) {
    await insert.onConflictDoNothing();
    return;
  }
  await insert.onConflictDoUpdate({ target: pendingChecks.requestId, set: { dueAt, attempt: 0, checked: [], claimedUntil: null } });
}

/**
 * Claims due checks for `leaseMs` in one statement (no transaction stays open while they run): a crashed
 * runner's claim runs out and another instance picks the check up.
 */
export async function claimDuePendingChecks({
  db,
  now,
  leaseMs,
  limit,
}: {
  db: Db;
  now: Date;
  leaseMs: number;
  limit: number;
}): Promise<PendingCheckRow[]> {
  const until = new Date(now.getTime() + leaseMs);
  const due = db
    .select({ id: pendingChecks.requestId })
    .from(pendingChecks)
    .where(
      and(
        sql`${pendingChecks.dueAt} <= ${now.toISOString()}::timestamptz`,
        sql`(${pendingChecks.claimedUntil} is null or ${pendingChecks.claimedUntil} < ${now.toISOString()}::timestamptz)`,
      ),
    )
    .orderBy(asc(pendingChecks.dueAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db.update(pendingChecks).set({ claimedUntil: until }).where(sql`${pendingChecks.requestId} in (${due})`).returning();
}

/** Compare-and-set on the claim: only the runner that still holds it writes the next step. */
export async function advancePendingCheck({
  db,
  claim,
  attempt,
  dueAt,
  checked,
}: {
  db: Db;
  claim: PendingCheckRow;
  attempt: number;
  dueAt: Date;
  checked: string[];
}) {
  const claimedUntil = claim.claimedUntil ?? new Date(0);
  const rows = await db
    .update(pendingChecks)
    .set({ attempt, dueAt, checked, claimedUntil: null })
    .where(and(eq(pendingChecks.requestId, claim.requestId), eq(pendingChecks.claimedUntil, claimedUntil)))
    .returning({ id: pendingChecks.requestId });
  return rows.length > 0;
}

export async function finishPendingCheck({ db, claim }: { db: Db; claim: PendingCheckRow }) {
  const claimedUntil = claim.claimedUntil ?? new Date(0);
  await db.delete(pendingChecks).where(and(eq(pendingChecks.requestId, claim.requestId), eq(pendingChecks.claimedUntil, claimedUntil)));
}

export async function listPendingChecks({ db }: { db: Db }): Promise<PendingCheckRow[]> {
  return db.select().from(pendingChecks).orderBy(asc(pendingChecks.dueAt));
}
