import "server-only";
import { and, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { signInFailures } from "../schema";

/** The name under which an address's failures for all names are counted. */
export const ANY_NAME = "";

export type FailureCounts = { pair: { failures: number; lastFailureAt: Date } | null; address: { failures: number; lastFailureAt: Date } | null };

const keyOf = (address: string, username: string) => and(eq(signInFailures.address, address), eq(signInFailures.username, username));

function countsOf(rows: { username: string; failures: number; lastFailureAt: Date }[], username: string): FailureCounts {
  const pick = (name: string) => {
    const row = rows.find((r) => r.username === name);
    return row ? { failures: row.failures, lastFailureAt: row.lastFailureAt } : null;
  };
  return { pair: pick(username), address: pick(ANY_NAME) };
}

/** The failure counts of a name from an address and of the address, without locking (for a quick 429). */
export async function readSignInFailures({ db, address, username }: { db: Db; address: string; username: string }): Promise<FailureCounts> {
  const rows = await db
    .select()
    .from(signInFailures)
    .where(or(keyOf(address, username), keyOf(address, ANY_NAME)));
  return countsOf(rows, username);
}

/**
 * The same counts, with both rows created if missing and locked until the transaction ends, so parallel
 * attempts queue here and each sees the ones before it.
 */
export async function lockSignInFailures({ db, address, username }: { db: Db; address: string; username: string }): Promise<FailureCounts> {
  const epoch = new Date(0);
  await db
    .insert(signInFailures)
    .values([
      { address, username, failures: 0, lastFailureAt: epoch },
      { address, username: ANY_NAME, failures: 0, lastFailureAt: epoch },
    ])
    .onConflictDoNothing();
  const rows = await db
    .select()
    .from(signInFailures)
    .where(or(keyOf(address, username), keyOf(address, ANY_NAME)))
    .for("update");
  return countsOf(rows, username);
}

/** Counts one failure for the name and for the address; a count whose last failure is before `windowStart` restarts. */
export async function addSignInFailure({
  db,
  address,
  username,
  now,
  windowStart,
}: {
  db: Db;
  address: string;
  username: string;
  now: Date;
  windowStart: Date;
}) {
  await db
    .update(signInFailures)
    .set({
      failures: sql`case when ${signInFailures.lastFailureAt} < ${windowStart.toISOString()}::timestamptz then 1 else ${signInFailures.failures} + 1 end`,
      lastFailureAt: now,
    })
    .where(or(keyOf(address, username), keyOf(address, ANY_NAME)));
}

/** Takes back one counted attempt: the name's count goes (signed in) or drops by one, the address's drops by one. */
export async function refundSignInFailure({ db, address, username, clearName }: { db: Db; address: string; username: string; clearName: boolean }) {
  const less = { failures: sql`greatest(${signInFailures.failures} - 1, 0)` };
  await db.transaction(async (tx) => {
    if (clearName) await tx.delete(signInFailures).where(keyOf(address, username));
    else await tx.update(signInFailures).set(less).where(keyOf(address, username));
    await tx.update(signInFailures).set(less).where(keyOf(address, ANY_NAME));
  });
}

/** Forgets failures older than the window. */
export async function pruneSignInFailures({ db, before }: { db: Db; before: Date }): Promise<void> {
  await db.delete(signInFailures).where(lt(signInFailures.lastFailureAt, before));
}
