import { afterEach, describe, expect, it } from "vitest";
import postgres from "postgres";
import { openPostgres, type Database } from "@/db/client";
import { SWEEP_LOCK } from "@/lib/workflows/embedded";

const KEY = 727_999;
const url = process.env.DATABASE_URL ?? "";
const opened: Database[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close().catch(() => {})));
});

async function instance() {
  const d = await openPostgres(url, 2);
  opened.push(d);
  return d;
}

async function locksHeld(): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = ${KEY} and granted`;
  await sql.end();
  return row?.n ?? 0;
}

async function terminateHolder(): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and objid = ${KEY} and granted`;
  await sql.end();
}

describe.skipIf(!url)("a lease across instances", () => {
  it("one instance holds it, keeps it across calls without stacking the lock, and hands it over when it goes away", async () => {
    const a = await instance();
    const b = await instance();
    const la = a.lease(KEY);
    const lb = b.lease(KEY);
    expect(await la.held()).toBe(true);
    expect(await lb.held()).toBe(false);
    for (let i = 0; i < 3; i++) expect(await la.held()).toBe(true);
    expect(await lb.held()).toBe(false);
    expect(await locksHeld()).toBe(1);

    // As when the holder dies or its connection drops: the lock goes with the connection.
    await terminateHolder();
    expect(await lb.held()).toBe(true);
    expect(await la.held()).toBe(false);
    await lb.release();
    expect(await la.held()).toBe(true);
    await la.release();
    expect(await locksHeld()).toBe(0);
  });

  it("one sweep at a time: the sweep's lock is refused to a second instance while the first holds it", async () => {
    const a = await instance();
    const b = await instance();
    let release: () => void = () => {};
    let started: () => void = () => {};
    const holding = new Promise<void>((r) => (started = r));
    const running = a.withAdvisoryLock(SWEEP_LOCK, () => {
      started();
      return new Promise<string>((r) => (release = () => r("swept")));
    });
    // The first instance's sweep has begun, so it holds the lock (a fixed sleep raced the lock on a busy machine).
    await holding;
    expect(await b.withAdvisoryLock(SWEEP_LOCK, async () => "twice")).toEqual({ acquired: false });
    release();
    expect(await running).toEqual({ acquired: true, value: "swept" });
    expect(await b.withAdvisoryLock(SWEEP_LOCK, async () => "next")).toEqual({ acquired: true, value: "next" });
  });

  it("a lock whose connection the server closes during the run ends the run normally (no crash, lock gone)", async () => {
    const a = await instance();
    const outcome = await a.withAdvisoryLock(KEY, async () => {
      await terminateHolder();
      await new Promise((r) => setTimeout(r, 100));
      return "done";
    });
    expect(outcome).toEqual({ acquired: true, value: "done" });
    expect(await locksHeld()).toBe(0);
  });
});
