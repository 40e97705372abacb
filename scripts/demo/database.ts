import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { startCluster } from "../../db/embedded/cluster";
import { demoThresholds } from "./pace";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

/**
 * A fresh embedded database for the demo, migrated and with the demo's thresholds: the cluster is started here,
 * prepared, and stopped again before the app starts it as its own.
 */
export async function prepareDemoDatabase(dir: string, user: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  const cluster = await startCluster({ dir, user });
  const client = postgres(cluster.url, { max: 1, onnotice: () => {} });
  try {
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: "db/migrations" });
    for (const [stage, minutes] of Object.entries(demoThresholds)) {
      await (db as unknown as PgDatabase<PgQueryResultHKT>).execute(
        sql`insert into stage_thresholds (stage, after_minutes) values (${stage}, ${minutes})`,
      );
    }
  } finally {
    await client.end();
    await cluster.stop();
  }
}
