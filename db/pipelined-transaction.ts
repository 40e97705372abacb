import "server-only";
import type { PgDialect } from "drizzle-orm/pg-core";
import { PostgresJsSession, PostgresJsTransaction } from "drizzle-orm/postgres-js/session";
import type { Sql } from "postgres";
import type { Db } from "./client";

/**
 * Sends the transaction's commit behind every statement made before the call; resolves once it committed. Idempotent.
 */
export type Commit = () => Promise<void>;

/** The server answered a commit with a rollback: a statement before it failed (its caller sees that error). */
export class RolledBackAtCommit extends Error {
  constructor() {
    super("the transaction was rolled back at its commit: a statement before it failed");
  }
}

type SessionParts = {
  client: Sql;
  dialect: PgDialect;
  schema: ConstructorParameters<typeof PostgresJsSession>[2];
  options: ConstructorParameters<typeof PostgresJsSession>[3];
};

/** postgres.js's connection object, as a query's `onexecute` option receives it; `onclose` is called once it is lost. */
type DriverConnection = { onclose?: ((error: unknown) => void) | null };

const sessionOf = (db: Db) => (db as unknown as { session: SessionParts }).session;

/** The drizzle transaction object `db.transaction` would hand out, over a connection held here. */
function transactionOver(db: Db, connection: Sql): Db {
  const parent = sessionOf(db);
  const session = new PostgresJsSession(connection, parent.dialect, parent.schema, parent.options);
  // Typed for postgres.js's transactions, whose savepoints this one lacks (drizzle uses them only to nest).
  const forTransaction = session as unknown as ConstructorParameters<typeof PostgresJsTransaction>[1];
  return new PostgresJsTransaction(parent.dialect, forTransaction, parent.schema) as unknown as Db;
}

/**
 * `db.transaction` two round trips shorter, for the webhook hot path, where each round trip wakes the server and then
 * this process (trivial statements on 2 cores: 1,700 transactions a second in five round trips, 2,650 in two). `begin`
 * goes out with the first statements instead of alone, and `fn` may send the commit with its last statements
 * (`commit()`) instead of after their answers. A statement that fails before the commit makes the server answer the
 * commit with a rollback, so a statement sent with it can still stop it (the `abort_transaction` function, migration
 * 0014). Once `commit()` resolves, the transaction is committed whatever `fn` does next; when `fn` does not call it,
 * the commit follows `fn`. When `fn` throws, the transaction rolls back and the error is rethrown. No savepoints.
 */
export async function pipelinedTransaction<T>(
  db: Db,
  fn: (tx: Db, commit: Commit) => Promise<T>,
  { reserveWithinMs = RESERVE_WITHIN_MS }: { reserveWithinMs?: number } = {},
): Promise<T> {
  const connection = await reserveWithin(sessionOf(db).client, reserveWithinMs);
  // As postgres.js's own transactions do: a connection lost mid-transaction fails it at once, and goes back to the
  // pool's closed connections, not to this caller's release.
  const loss = watchLoss();
  const answers: Promise<unknown>[] = [];
  const send = (text: "begin" | "commit" | "rollback", options: { onexecute?: (c: DriverConnection) => boolean } = {}) => {
    if (loss.error !== null) return Promise.reject(loss.error);
    const query = connection.unsafe(text, [], options as Record<string, never>).execute();
    answers.push(query.catch(() => {}));
    return query;
  };
  const sent: { commit: Promise<void> | null } = { commit: null };
  const commit: Commit = () => {
    // Made once every statement begun before it reached the connection: a statement reaches it some microtasks after
    // it is made (more through the query builder), and the driver writes what it has at the next immediate anyway.
    sent.commit ??= new Promise((resolve) => setImmediate(resolve))
      .then(() => send("commit"))
      .then((result) => {
        if (result.command !== "COMMIT") throw new RolledBackAtCommit();
      });
    return sent.commit;
  };

  try {
    const began = send("begin", { onexecute: loss.watch });
    const tx = transactionOver(db, refusingOnceLost(connection, loss));
    const result = await Promise.race([fn(tx, commit), loss.happened]);
    await Promise.race([began.then(commit), loss.happened]);
    return result;
  } catch (error) {
    // A commit already sent ends the transaction either way (a failed one as a rollback).
    if (sent.commit === null) send("rollback").catch(() => {});
    sent.commit?.catch(() => {});
    throw error;
  } finally {
    if (loss.error === null) await Promise.race([Promise.all(answers), loss.happened]).catch(() => {});
    // Back to the pool only with every answer in, and never once lost (the pool reconnects it by itself).
    if (loss.error === null) connection.release();
  }
}

/** Far longer than a busy pool's queue; short enough that a caller waiting on a lost request tries again soon. */
const RESERVE_WITHIN_MS = 5000;

/** Coded like the driver's own, so callers retry it or spool as for any lost connection. */
class ReserveTimeout extends Error {
  readonly code = "CONNECTION_CLOSED";
  constructor(ms: number) {
    super(`no database connection was handed out within ${ms} ms`);
  }
}

/**
 * A connection of its own from the pool, or a connection error after `ms`. postgres.js 3.4.9 can lose a request for
 * one: when a connection closes while requests wait (a database restart), the pool reconnects it for the first one
 * waiting and takes that one out of its queue, and once connected it drops a reserve request instead of answering it.
 * Nothing would ever answer this caller (the spool replayer waited forever in the fault suite). A connection handed
 * out after the caller gave up goes straight back to the pool.
 */
async function reserveWithin(client: Sql, ms: number) {
  const reserving = client.reserve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReserveTimeout(ms)), ms);
  });
  try {
    return await Promise.race([reserving, expired]);
  } catch (error) {
    reserving.then((late) => late.release()).catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

type Loss = {
  error: unknown;
  happened: Promise<never>;
  /** As `onexecute` of the connection's first statement: learns of the loss; true lets the statements after it pipeline. */
  watch: (c: DriverConnection) => boolean;
};

function watchLoss(): Loss {
  let fail: (error: unknown) => void = () => {};
  const happened = new Promise<never>((_, reject) => {
    fail = reject;
  });
  happened.catch(() => {});
  const loss: Loss = {
    error: null,
    happened,
    watch: (c) => {
      c.onclose = (error) => {
        loss.error = error ?? new Error("the database connection was lost");
        fail(loss.error);
      };
      return true;
    },
  };
  return loss;
}

/**
 * The connection as `fn` sees it: once lost, a statement fails at once. postgres.js would queue it on the closed
 * connection, never to be sent nor answered, and the connection that next takes the same slot would take its place in
 * line for an answer meant for another statement.
 */
function refusingOnceLost(connection: Sql, loss: Loss): Sql {
  const refuse = () => {
    if (loss.error !== null) throw loss.error;
  };
  return new Proxy(connection, {
    apply(target, self, args) {
      refuse();
      return Reflect.apply(target, self, args);
    },
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key !== "unsafe" || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        refuse();
        return Reflect.apply(value, target, args);
      };
    },
  });
}
