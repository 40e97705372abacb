import "server-only";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Options as PostgresOptions } from "postgres";
import { env, type Env } from "@/lib/env";
import { log } from "@/lib/log";
import { describeDbError, isConnectionError } from "./errors";
import { postgresTarget } from "./url";
import * as schema from "./schema";

/** The drizzle instance (postgres.js); transactions are assignable to it too. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  /** `server`: DATABASE_URL; `embedded`: the PostgreSQL this process started (see db/embedded). */
  kind: "server" | "embedded";
  /**
   * Subscribes to a NOTIFY channel on one dedicated connection; resolves to an unsubscribe function. That
   * connection comes back by itself after the database restarts; `onListen` runs each time it listens again,
   * so the subscriber can read what was notified while it was away.
   */
  listen(channel: string, onPayload: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  /**
   * Runs `fn` only if this process wins the session-level advisory lock `key` (held on one dedicated
   * connection for the whole run, so it spans several transactions); otherwise resolves `{ acquired: false }`.
   */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }>;
  /** A session-level advisory lock this process keeps across calls, for work one instance at a time should own. */
  lease(key: number): Lease;
  close(): Promise<void>;
};

/**
 * `held()` answers whether this process holds the lock now, taking it when it is free. The lock lives on one reserved
 * connection: when the process dies or loses that connection, the lock is freed and another instance takes it at its
 * next `held()`.
 */
export type Lease = { held(): Promise<boolean>; release(): Promise<void> };

/** Seconds before reconnect attempt `retries` (postgres.js calls it with 1, 2, …): quick at first, then every 250 ms. */
export function reconnectBackoff(retries: number): number {
  return Math.min(0.025 * 2 ** Math.max(0, retries - 1), 0.25);
}

const migrationsFolder = path.join(process.cwd(), "db/migrations");
// Any fixed number shared by every instance: one migrator at a time across processes.
const MIGRATION_LOCK = 727_001;

/**
 * While the server is down a caller must learn it quickly (and spool) instead of hanging: connect_timeout is in
 * seconds, and postgres.js otherwise waits up to 20 s (growing back-off) before connecting again, holding every
 * queued query meanwhile — also why a restarted server looked unreachable for seconds after it was back. Half a
 * second, not less: postgres.js 3.4.9 can crash the process (a write on a closed socket) when reconnects spin.
 */
function connectOptions(socketPath: string | undefined) {
  return { connect_timeout: 2, backoff: () => 0.5, path: socketPath };
}

/** Brings a database's schema up to date, one migrator at a time across processes, on a connection of its own. */
export async function migrateDatabase(url: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const target = postgresTarget(url);
  const migrator = postgres(target.url, { max: 1, onnotice: () => {}, ...connectOptions(target.path) });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(migrator), { migrationsFolder });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await migrator.end();
  }
}

/** A PostgreSQL database of its own (migrated); most code wants the process-wide one from getDatabase(). */
export async function openPostgres(url: string, poolSize: number, kind: Database["kind"] = "server"): Promise<Database> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");

  const target = postgresTarget(url);
  const connecting = connectOptions(target.path);
  await migrateDatabase(url);

  // The driver's default back-off grows to 20 s between attempts while the server is down, so a restart
  // longer than a couple of seconds left queries and LISTEN waiting long after it was back: retry every 250 ms.
  const client = postgres(target.url, { max: poolSize, onnotice: () => {}, ...connecting, backoff: reconnectBackoff });
  // One connection for a lock, never recycled while it is held.
  // `extra`: driver options its types leave out (onnotify, onclose), used by listenOn.
  const dedicated = (extra: Record<string, unknown> = {}) =>
    postgres(target.url, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: null,
      onnotice: () => {},
      ...connecting,
      backoff: reconnectBackoff,
      ...extra,
    } as Options);
  const listeners = new Set<Listener>();
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    kind,
    async listen(channel, onPayload, onListen) {
      const listener = listenOn({ connect: dedicated, channel, onPayload, onListen });
      listeners.add(listener);
      await listener.ready;
      return async () => {
        listeners.delete(listener);
        await listener.stop();
      };
    },
    async withAdvisoryLock(key, fn) {
      // A connection of its own, not one reserved from the pool: postgres.js throws an uncaught error, ending the
      // process, when a query goes to a reserved connection the server has closed (a restart during the run).
      const own = dedicated();
      try {
        const [row] = await own<{ locked: boolean }[]>`select pg_try_advisory_lock(${key}) as locked`;
        if (!row?.locked) return { acquired: false };
        try {
          return { acquired: true, value: await fn() };
        } finally {
          await own`select pg_advisory_unlock(${key})`.catch(() => {}); // a lost connection took the lock with it
        }
      } finally {
        await own.end({ timeout: 1 });
      }
    },
    lease: (key) => postgresLease(() => dedicated(), key),
    close: async () => {
      await Promise.all([...listeners].map((l) => l.stop()));
      listeners.clear();
      await client.end({ timeout: 5 });
    },
  };
}

type Options = PostgresOptions<Record<string, never>>;
type Listener = { ready: Promise<void>; stop(): Promise<void> };

/**
 * LISTEN on a connection of its own, listening again whenever that connection closes (a database restart): the
 * driver's own re-listen gives up for good when its first attempt meets a server still starting up.
 */
function listenOn({
  connect,
  channel,
  onPayload,
  onListen,
}: {
  connect: (extra: Record<string, unknown>) => import("postgres").Sql;
  channel: string;
  onPayload: (payload: string) => void;
  onListen?: () => void;
}): Listener {
  let stopped = false;
  let relistening = false;
  const sql = connect({
    fetch_types: false,
    onnotify: (name: string, payload: string) => {
      if (name === channel) onPayload(payload);
    },
    onclose: () => void relisten(),
  });
  const listen = () => sql.unsafe(`listen "${channel.replace(/"/g, '""')}"`);
  const relisten = async () => {
    if (stopped || relistening) return;
    relistening = true;
    while (!stopped) {
      try {
        await listen();
        onListen?.();
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    relistening = false;
  };
  return {
    ready: listen().then(() => undefined),
    stop: async () => {
      stopped = true;
      await sql.end({ timeout: 1 });
    },
  };
}

/**
 * The lease's own connection (one per lease, never recycled: the lock lives on it). If it drops, the driver opens a
 * new one at the next call, which no longer holds the lock and so tries to take it again like any other instance.
 */
function postgresLease(connect: () => import("postgres").Sql, key: number): Lease {
  let conn: import("postgres").Sql | null = null;
  return {
    async held() {
      conn ??= connect();
      try {
        // Held already by this backend, else try: one round trip, and the lock count never grows.
        const [row] = await conn<{ locked: boolean }[]>`
          select case when exists (select 1 from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and granted
            and classid = (${key}::bigint >> 32)::oid and objid = (${key}::bigint & 4294967295)::oid and objsubid = 1)
          then true else pg_try_advisory_lock(${key}) end as locked`;
        return row?.locked === true;
      } catch {
        return false; // not reachable now; the next call tries again
      }
    },
    async release() {
      const current = conn;
      conn = null;
      await current?.end({ timeout: 1 });
    },
  };
}

/**
 * No DATABASE_URL: a PostgreSQL of our own in EMBEDDED_POSTGRES_DIR, started as a child process and reached through
 * the same driver as any server; closing the database stops it.
 */
async function openEmbedded(e: Env): Promise<Database> {
  const { startCluster } = await import("./embedded/cluster");
  const cluster = await startCluster({
    dir: e.EMBEDDED_POSTGRES_DIR,
    user: e.EMBEDDED_POSTGRES_USER,
    onLog: (line) => log.warn("embedded postgres", { line }),
  });
  try {
    const database = await openPostgres(cluster.socketUrl, e.DATABASE_POOL_SIZE, "embedded");
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

type Holder = { __statusTrackerDatabase?: Promise<Database>; __statusTrackerLostConnectionGuard?: true };

/**
 * While the database restarts, postgres.js rejects the queries a dropped socket carried with CONNECTION_CLOSED, and
 * some of those promises belong to the driver itself (a connection it was re-opening), with nobody to catch them.
 * Unhandled, Node ends the process. A lost connection is expected and everything that matters is retried (pending
 * deliveries, the spool, the workers' next tick), so it is logged; any other unhandled rejection still ends the
 * process as Node would.
 */
function keepRunningOnLostConnections(): void {
  if (holder.__statusTrackerLostConnectionGuard) return;
  holder.__statusTrackerLostConnectionGuard = true;
  process.on("unhandledRejection", (reason) => {
    if (isConnectionError(reason)) {
      log.warn("database connection lost", { error: describeDbError(reason) });
      return;
    }
    throw reason;
  });
}
const holder = globalThis as typeof globalThis & Holder;

/**
 * The process-wide database, opened and migrated on first use. Kept on globalThis because Next can
 * load this module twice; a failed open is not cached, so the next call retries.
 */
export function getDatabase(): Promise<Database> {
  if (!holder.__statusTrackerDatabase) {
    keepRunningOnLostConnections();
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
