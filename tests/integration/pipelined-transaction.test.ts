import type { Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { isConnectionError, pgCode } from "@/db/errors";
import { pipelinedTransaction } from "@/db/pipelined-transaction";
import { sqlOf } from "@/db/raw";
import { watchDatabaseWrites } from "../helpers/database-writes";

let db: Db;

beforeAll(async () => {
  db = await getDb();
  await sqlOf(db)`create table if not exists pipelined_probe (id int primary key)`;
});

afterAll(async () => {
  await sqlOf(db)`drop table if exists pipelined_probe`;
});

async function probeIds(): Promise<number[]> {
  const rows = await sqlOf(db)`select id from pipelined_probe order by id`;
  return rows.map((r) => Number(r.id));
}

/** Writes this process makes to the database while `run` runs. */
async function databaseWrites(run: () => Promise<unknown>): Promise<number> {
  let writes = 0;
  await watchDatabaseWrites(run, () => {
    writes += 1;
  });
  return writes;
}

describe("a pipelined transaction", () => {
  it("sends begin with the first statements and the commit with the last", async () => {
    const twoSteps = async (tx: Db, id: number, commit?: () => Promise<void>) => {
      await sqlOf(tx)`select count(*) from pipelined_probe where id = ${id}`;
      await Promise.all([sqlOf(tx)`insert into pipelined_probe (id) values (${id})`, commit?.()]);
    };
    // Prepared once, so that every statement below goes out in one write.
    await pipelinedTransaction(db, (tx, commit) => twoSteps(tx, 1, commit));
    await db.transaction((tx) => twoSteps(tx, 2));

    const pipelined = await databaseWrites(() => pipelinedTransaction(db, (tx, commit) => twoSteps(tx, 3, commit)));
    const plain = await databaseWrites(() => db.transaction((tx) => twoSteps(tx, 4)));
    expect(pipelined).toBe(2);
    expect(plain).toBe(4);
    expect(await probeIds()).toEqual([1, 2, 3, 4]);
  });

  it("commits after fn when fn does not ask for it", async () => {
    await sqlOf(db)`truncate pipelined_probe`;
    const result = await pipelinedTransaction(db, async (tx) => {
      await sqlOf(tx)`insert into pipelined_probe (id) values (10)`;
      return "done";
    });
    expect(result).toBe("done");
    expect(await probeIds()).toEqual([10]);
  });

  it("rolls back everything when a statement sent with the commit fails", async () => {
    await sqlOf(db)`truncate pipelined_probe`;
    const attempt = pipelinedTransaction(db, async (tx, commit) => {
      await sqlOf(tx)`insert into pipelined_probe (id) values (20)`;
      await Promise.all([
        sqlOf(tx)`insert into pipelined_probe (id) values (21)`,
        sqlOf(tx)`select abort_transaction('ST999', 'stop here')`,
        commit(),
      ]);
    });
    const error = await attempt.catch((e: unknown) => e);
    expect(pgCode(error)).toBe("ST999");
    expect(await probeIds()).toEqual([]);
  });

  it("rolls back when fn throws, and the connection serves the next caller", async () => {
    await sqlOf(db)`truncate pipelined_probe`;
    const attempt = pipelinedTransaction(db, async (tx) => {
      await sqlOf(tx)`insert into pipelined_probe (id) values (30)`;
      throw new Error("changed my mind");
    });
    await expect(attempt).rejects.toThrow("changed my mind");
    expect(await probeIds()).toEqual([]);
    // No connection was left inside the transaction…
    const [open] = await sqlOf(db)`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and state like 'idle in transaction%'`;
    expect(open?.n).toBe(0);
    // …and the pool's connections all serve statements.
    const rows = await Promise.all(Array.from({ length: 12 }, (_, n) => sqlOf(db)`select ${n}::int as n`));
    expect(rows.map(([row]) => row?.n)).toEqual([...Array(12).keys()]);
  });

  it("fails at once when its connection is lost, and the pool connects again", async () => {
    const started = performance.now();
    const attempt = pipelinedTransaction(db, async (tx) => {
      const [me] = await sqlOf(tx)`select pg_backend_pid() as pid`;
      // Another connection ends this one while it waits.
      void sqlOf(db)`select pg_terminate_backend(${me?.pid})`.catch(() => {});
      await sqlOf(tx)`select pg_sleep(30)`;
      await sqlOf(tx)`insert into pipelined_probe (id) values (40)`;
    });
    const error = await attempt.catch((e: unknown) => e);
    expect(isConnectionError(error), String(error)).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await probeIds()).not.toContain(40);
    // Enough transactions at once to take every connection of the pool: none is handed the lost one.
    const all = Promise.all(Array.from({ length: 12 }, (_, n) => pipelinedTransaction(db, async (tx) => sqlOf(tx)`select ${n}::int as n`)));
    const stuck = new Promise((resolve) => setTimeout(() => resolve("stuck"), 5000));
    const answers = await Promise.race([all, stuck]);
    expect(answers).not.toBe("stuck");
  });

  it("refuses a statement made once its connection is lost, and leaves the pool sound", async () => {
    let late: unknown = null;
    const attempt = pipelinedTransaction(db, async (tx) => {
      const [me] = await sqlOf(tx)`select pg_backend_pid() as pid`;
      await sqlOf(db)`select pg_terminate_backend(${me?.pid})`;
      // The loss is heard while nothing is in flight on this connection; fn goes on as if it were not.
      await new Promise((resolve) => setTimeout(resolve, 300));
      late = await (async () => sqlOf(tx)`select 1`)().catch((e: unknown) => e);
    });
    expect(isConnectionError(await attempt.catch((e: unknown) => e))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Refused at once: made on the closed connection, it would never be answered, and it would take the answer of
    // another statement once the pool connected that slot again.
    expect(isConnectionError(late), String(late)).toBe(true);
    const all = Promise.all(Array.from({ length: 12 }, (_, n) => pipelinedTransaction(db, async (tx) => sqlOf(tx)`select ${n}::int as n`)));
    const stuck = new Promise((resolve) => setTimeout(() => resolve("stuck"), 5000));
    const answers = await Promise.race([all, stuck]);
    expect(answers).toEqual([...Array(12).keys()].map((n) => [{ n }]));
  });

  it("takes a connection the pool does not hand out in time as a lost one, and gives it back when it comes late", async () => {
    // A pool that answers a reserve only after the caller gave up, as postgres.js does at best when it lost the
    // request during a database restart (see reserveWithin).
    const session = (db as unknown as { session: { client: Sql } }).session;
    let released = 0;
    const slow = new Proxy(session.client, {
      get(target, key, receiver) {
        if (key !== "reserve") return Reflect.get(target, key, receiver);
        return async () => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          const connection = await target.reserve();
          return new Proxy(connection, {
            get(inner, name, self) {
              if (name !== "release") return Reflect.get(inner, name, self);
              return () => {
                released += 1;
                inner.release();
              };
            },
          });
        };
      },
    });
    const slowDb = { session: { ...session, client: slow } } as unknown as Db;
    const started = performance.now();
    const failed = await pipelinedTransaction(slowDb, async (tx) => sqlOf(tx)`select 1`, { reserveWithinMs: 100 }).catch((e: unknown) => e);
    expect(isConnectionError(failed), String(failed)).toBe(true);
    expect(performance.now() - started).toBeLessThan(300);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(released).toBe(1);
    expect(await pipelinedTransaction(db, async (tx) => sqlOf(tx)`select 2::int as n`)).toEqual([{ n: 2 }]);
  });
});
