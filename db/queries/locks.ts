import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../client";

/**
 * Transaction-scoped advisory locks on identity keys ("tmdb:movie:603", "dl:<hash>", …), taken in sorted
 * order so two transactions can never wait on each other in a cycle. They stop two concurrent deliveries
 * about the same media from both creating a request.
 */
export async function lockIdentityKeys({ db, keys }: { db: Db; keys: string[] }): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  }
}
