import "server-only";
import type { Db } from "../client";
import { sqlOf } from "../raw";

/**
 * Transaction-scoped advisory locks on identity keys ("tmdb:movie:603", "dl:<hash>", …), taken in sorted
 * order so two transactions can never wait on each other in a cycle. They stop two concurrent deliveries
 * about the same media from both creating a request.
 */
export async function lockIdentityKeys({ db, keys }: { db: Db; keys: string[] }): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return;
  // One round trip: volatile functions in the select list run after ORDER BY, so the locks follow the order.
  await sqlOf(db)`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${sorted}::text[]) as k order by k`;
}
