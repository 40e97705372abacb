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

/**
 * Resolves once every commit this process has seen is on disk. A transaction of its own commits synchronously (the
 * session's default) once it has written WAL, here the smallest record there is (an empty transactional message; a
 * transaction that only took an id would commit without a flush), and WAL is flushed in order, so everything
 * committed before it is flushed too. Concurrent callers share one flush.
 */
export async function awaitFlushed(db: Db): Promise<void> {
  await sqlOf(db)`select pg_logical_emit_message(true, 'status-tracker', '')`;
}
