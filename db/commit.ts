import "server-only";
import type { Db } from "./client";
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

type Flushes = { running: Promise<void> | null; next: Promise<void> | null };
const flushesOf = new WeakMap<Db, Flushes>();

/** A transaction of its own that writes WAL: it commits synchronously, so it returns once WAL up to it is on disk. */
async function flushOnce(db: Db): Promise<void> {
  // The smallest WAL record there is (an empty transactional message): a transaction that only took an id would
  // commit without a flush.
  await sqlOf(db)`select pg_logical_emit_message(true, 'status-tracker', '')`;
}

/**
 * Resolves once every commit this process has seen is on disk: WAL is flushed in order, so a flush that starts after a
 * commit covers it. The session's own setting decides, as for every other commit (a server set to
 * `synchronous_commit = off` has chosen not to wait). Callers share flushes: one is sent at a time, and those who come
 * while it runs (it may have started before their commit) share the one after it.
 */
export function awaitFlushed(db: Db): Promise<void> {
  let flushes = flushesOf.get(db);
  if (!flushes) {
    flushes = { running: null, next: null };
    flushesOf.set(db, flushes);
  }
  const state = flushes;
  const start = (): Promise<void> => {
    const running = flushOnce(db).finally(() => {
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
