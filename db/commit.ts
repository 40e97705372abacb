import "server-only";
import { log } from "@/lib/log";
import type { Db } from "./client";
import { isConnectionError, pgCode } from "./errors";
import { sqlOf } from "./raw";

/**
 * Lets the surrounding transaction's commit return before its WAL is on disk, so its rows and the NOTIFY that wakes
 * live clients are visible at once rather than after the flush (tens of milliseconds on a slow disk). Only for work
 * whose caller awaits `awaitFlushed` before it promises anything: a crash before the flush loses the transaction, as
 * a crash before the commit would, and the caller has not answered yet.
 */
export function commitBeforeFlush(tx: Db) {
  return sqlOf(tx)`set local synchronous_commit = off`;
}

/**
 * `byMessage`: the server lets this role write a WAL message (every role may by default; an admin can revoke it, and
 * a PostgreSQL-compatible server may lack the function).
 */
type Flushes = { running: Promise<void> | null; next: Promise<void> | null; byMessage: boolean };
const flushesOf = new WeakMap<Db, Flushes>();

function flushesFor(db: Db): Flushes {
  let flushes = flushesOf.get(db);
  if (!flushes) {
    flushes = { running: null, next: null, byMessage: true };
    flushesOf.set(db, flushes);
  }
  return flushes;
}

/** insufficient_privilege, undefined_function, feature_not_supported: this server will never take the message. */
const REFUSED = new Set(["42501", "42883", "0A000"]);

/** Without the message: a change of the app's own one-row table, committed synchronously (migration 0013). */
async function flushByRow(db: Db): Promise<void> {
  await sqlOf(db)`insert into wal_flush (id, at) values (1, now()) on conflict (id) do update set at = excluded.at`;
}

/** A transaction of its own that writes WAL: it commits synchronously, so it returns once WAL up to it is on disk. */
async function flushOnce(db: Db, flushes: Flushes): Promise<void> {
  if (flushes.byMessage) {
    try {
      // The smallest WAL record there is (an empty transactional message): a transaction that only took an id would
      // commit without a flush.
      await sqlOf(db)`select pg_logical_emit_message(true, 'status-tracker', '')`;
      return;
    } catch (error) {
      if (isConnectionError(error)) throw error;
      if (REFUSED.has(pgCode(error) ?? "")) {
        flushes.byMessage = false;
        log.warn("the database refuses WAL messages: webhooks now commit with their flush", { code: pgCode(error) });
      }
    }
  }
  await flushByRow(db);
}

/**
 * Whether a commit may return before its flush here: only where a flush can be asked for at once (see flushOnce).
 * After a refusal commits wait for the disk again, as they did before.
 */
export function canCommitBeforeFlush(db: Db): boolean {
  return flushesFor(db).byMessage;
}

/**
 * Resolves once every commit this process has seen is on disk: WAL is flushed in order, so a flush that starts after a
 * commit covers it. The session's own setting decides, as for every other commit (a server set to
 * `synchronous_commit = off` has chosen not to wait). Callers share flushes: one is sent at a time, and those who come
 * while it runs (it may have started before their commit) share the one after it.
 */
export function awaitFlushed(db: Db): Promise<void> {
  const state = flushesFor(db);
  const start = (): Promise<void> => {
    const running = flushOnce(db, state).finally(() => {
      state.running = null;
    });
    state.running = running;
    return running;
  };
  if (!state.running) return start();
  state.next ??= state.running
    .catch(() => {})
    .then(() => {
      state.next = null;
      return start();
    });
  return state.next;
}
