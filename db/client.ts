import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import * as schema from "./schema";

/** Either driver's drizzle instance; transactions are assignable to it too. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  driver: "postgres" | "pglite";
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

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");

  // While the server is down a caller must learn it quickly (and spool) instead of hanging: connect_timeout is in
  // seconds, and postgres.js otherwise waits up to 20 s (growing back-off) before connecting again, holding every
  // queued query meanwhile — also why a restarted server looked unreachable for seconds after it was back. Half a
  // second, not less: postgres.js 3.4.9 can crash the process (a write on a closed socket) when reconnects spin.
  const fastFail = { connect_timeout: 2, backoff: () => 0.5 };
  const migrator = postgres(url, { max: 1, onnotice: () => {}, ...fastFail });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(migrator), { migrationsFolder });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await migrator.end();
  }

  const client = postgres(url, { max: poolSize, onnotice: () => {}, ...fastFail });
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    driver: "postgres",
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

async function openPglite(dir: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");

  if (!dir.startsWith("memory://")) mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  const client = await PGlite.create(dir.startsWith("memory://") ? undefined : dir);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  // PGlite is one connection owned by one process: an in-process flag is the whole lock.
  const held = new Set<number>();
  return {
    db: db as unknown as Db,
    driver: "pglite",
    async listen(channel, onPayload) {
      const unsubscribe = await client.listen(channel, onPayload);
      return () => unsubscribe();
    },
    async withAdvisoryLock(key, fn) {
      if (held.has(key)) return { acquired: false };
      held.add(key);
      try {
        return { acquired: true, value: await fn() };
      } finally {
        held.delete(key);
      }
    },
    close: () => client.close(),
  };
}

type Holder = { __statusTrackerDatabase?: Promise<Database> };
const holder = globalThis as typeof globalThis & Holder;

/**
 * The process-wide database, opened and migrated on first use. Kept on globalThis because Next can
 * load this module twice; a failed open is not cached, so the next call retries.
 */
export function getDatabase(): Promise<Database> {
  if (!holder.__statusTrackerDatabase) {
    const { DATABASE_URL, DATABASE_POOL_SIZE, PGLITE_DIR } = env();
    const opening = DATABASE_URL ? openPostgres(DATABASE_URL, DATABASE_POOL_SIZE) : openPglite(PGLITE_DIR);
    holder.__statusTrackerDatabase = opening;
    opening.then(
      (d) => log.info("database ready", { driver: d.driver }),
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
