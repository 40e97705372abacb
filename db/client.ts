import "server-only";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env, type Env } from "@/lib/env";
import { log } from "@/lib/log";
import * as schema from "./schema";

/** The drizzle instance (postgres.js); transactions are assignable to it too. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  /** `server`: DATABASE_URL; `embedded`: the PostgreSQL this process started (see db/embedded). */
  kind: "server" | "embedded";
  /** Subscribes to a NOTIFY channel on one dedicated connection; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Runs `fn` only if this process wins the session-level advisory lock `key` (held on one dedicated
   * connection for the whole run, so it spans several transactions); otherwise resolves `{ acquired: false }`.
   */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }>;
  close(): Promise<void>;
};

const migrationsFolder = path.join(process.cwd(), "db/migrations");
// Any fixed number shared by every instance: one migrator at a time across processes.
const MIGRATION_LOCK = 727_001;

async function openPostgres(url: string, poolSize: number, kind: Database["kind"]): Promise<Database> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");

  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(migrator), { migrationsFolder });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await migrator.end();
  }

  const client = postgres(url, { max: poolSize, onnotice: () => {} });
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    kind,
    async listen(channel, onPayload) {
      const subscription = await client.listen(channel, onPayload);
      return () => subscription.unlisten();
    },
    async withAdvisoryLock(key, fn) {
      const reserved = await client.reserve();
      try {
        const [row] = await reserved<{ locked: boolean }[]>`select pg_try_advisory_lock(${key}) as locked`;
        if (!row?.locked) return { acquired: false };
        try {
          return { acquired: true, value: await fn() };
        } finally {
          await reserved`select pg_advisory_unlock(${key})`;
        }
      } finally {
        reserved.release();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * No DATABASE_URL: a PostgreSQL of our own in EMBEDDED_POSTGRES_DIR, started as a child process and reached through
 * the same driver as any server; closing the database stops it.
 */
async function openEmbedded(e: Env): Promise<Database> {
  const { startCluster } = await import("./embedded/cluster");
  const cluster = await startCluster({ dir: e.EMBEDDED_POSTGRES_DIR, user: e.EMBEDDED_POSTGRES_USER, onLog: (line) => log.warn("embedded postgres", { line }) });
  try {
    const database = await openPostgres(cluster.url, e.DATABASE_POOL_SIZE, "embedded");
    return {
      ...database,
      async close() {
        await database.close();
        await cluster.stop();
      },
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

type Holder = { __statusTrackerDatabase?: Promise<Database> };
const holder = globalThis as typeof globalThis & Holder;

/**
 * The process-wide database, opened and migrated on first use. Kept on globalThis because Next can
 * load this module twice; a failed open is not cached, so the next call retries.
 */
export function getDatabase(): Promise<Database> {
  if (!holder.__statusTrackerDatabase) {
    const e = env();
    const opening = e.DATABASE_URL ? openPostgres(e.DATABASE_URL, e.DATABASE_POOL_SIZE, "server") : openEmbedded(e);
    holder.__statusTrackerDatabase = opening;
    opening.then(
      (d) => log.info("database ready", { kind: d.kind }),
      (error: unknown) => {
        holder.__statusTrackerDatabase = undefined;
        log.error("database open failed", { error: error instanceof Error ? error.message : String(error) });
      },
    );
  }
  return holder.__statusTrackerDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Closes the process-wide database (tests, graceful shutdown). */
export async function closeDatabase(): Promise<void> {
  const current = holder.__statusTrackerDatabase;
  holder.__statusTrackerDatabase = undefined;
  if (current) await (await current).close();
}
