import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openPostgres, type Database } from "@/db/client";
import { awaitFlushed } from "@/db/commit";
import { ingestWebhook } from "@/lib/ingest/ingest";
import { startPrivatePostgres, type PrivatePostgres } from "../fault/postgres";
import { jellyseerr } from "../helpers/payloads";

/**
 * A webhook's changes reach live clients when they commit, not when the disk has flushed them; its answer waits for
 * the flush. A private cluster with durability on makes every flush wait COMMIT_DELAY_MS first (commit_delay, with
 * no siblings required), so the two moments are far apart.
 */
const COMMIT_DELAY_MS = 100;
let pg: PrivatePostgres;
let database: Database;

beforeAll(async () => {
  pg = await startPrivatePostgres({
    settings: { fsync: "on", synchronous_commit: "on", commit_delay: String(COMMIT_DELAY_MS * 1000), commit_siblings: "0" },
  });
  database = await openPostgres(pg.url, 4);
});

afterAll(async () => {
  await database?.close();
  await pg?.destroy();
});

const ingest = (requestId: number) =>
  ingestWebhook({
    db: database.db,
    source: "jellyseerr",
    contentType: "application/json",
    raw: Buffer.from(JSON.stringify(jellyseerr("MEDIA_AUTO_APPROVED", { requestId, tmdbId: 600 + requestId, subject: `Film ${requestId}` }))),
  });

it("notifies live clients before the flush and answers only after it", async () => {
  let notifiedAt = 0;
  const unlisten = await database.listen("timeline", () => {
    notifiedAt ||= performance.now();
  });
  // The first delivery prepares the statements and writes the source's health line (its own flush); the second,
  // within the same second, writes nothing else.
  expect((await ingest(1)).kind).toBe("applied");
  await new Promise((r) => setTimeout(r, 50));
  notifiedAt = 0;

  const sentAt = performance.now();
  const result = await ingest(2);
  const answeredAt = performance.now();
  await unlisten();

  expect(result.kind).toBe("applied");
  expect(notifiedAt).toBeGreaterThan(0);
  // The clients heard of it sooner than any flush can end: the commit did not wait for one…
  expect(notifiedAt - sentAt).toBeLessThan(COMMIT_DELAY_MS);
  // …and the answer waited for a flush, which cannot take less than the delay.
  expect(answeredAt - sentAt).toBeGreaterThanOrEqual(COMMIT_DELAY_MS);
});

it("has the deliveries that wait at the same time share flushes", async () => {
  // Each flush is a transaction of its own, so the transaction ids it takes count the flushes (nothing else writes
  // on this cluster).
  const nextXid = async () => {
    const rows = await database.db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as xid`);
    return Number((rows as unknown as { xid: string }[])[0]?.xid);
  };
  const before = await nextXid();
  await Promise.all(Array.from({ length: 10 }, () => awaitFlushed(database.db)));
  const flushes = (await nextXid()) - before;
  // The first caller's flush, then one for the nine who came while it ran.
  expect(flushes).toBe(2);
});

it("commits a burst's deliveries with their flush: only those that come alone or in pairs take a flush of their own", async () => {
  const heardAt = new Map<number, number>();
  const unlisten = await database.listen("timeline", (seq) => {
    heardAt.set(Number(seq), performance.now());
  });
  const answered = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => {
      const result = await ingest(10 + i);
      return { result, at: performance.now() };
    }),
  );
  await new Promise((r) => setTimeout(r, 50));
  await unlisten();

  // When each delivery's request was first heard of, against when the delivery was answered. One that committed
  // before its flush was heard of at least the flush's delay before its answer; one that committed with its flush,
  // about when it was answered. (Relative times: a busy machine delays both alike.)
  const rows = await database.db.execute(sql`select seq, request_id from timeline_events`);
  const heardOf = new Map<number, number>();
  for (const row of rows as unknown as { seq: string; request_id: number }[]) {
    const at = heardAt.get(Number(row.seq)) ?? Number.POSITIVE_INFINITY;
    heardOf.set(row.request_id, Math.min(at, heardOf.get(row.request_id) ?? Number.POSITIVE_INFINITY));
  }
  const leads = answered.map(({ result, at }) => {
    if (result.kind !== "applied") throw new Error(`expected applied, got ${result.kind}`);
    return at - (heardOf.get(result.applied[0]?.requestId ?? -1) ?? Number.POSITIVE_INFINITY);
  });
  const early = leads.filter((lead) => lead >= COMMIT_DELAY_MS / 2).length;
  expect(early).toBeGreaterThan(0);
  expect(early).toBeLessThan(8);
});

it("still answers once the change is on disk where the server refuses the WAL message, and then commits with the flush", async () => {
  // A database where an admin revoked the message from every role but superusers, and a role that is not one.
  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  await admin.unsafe("create role refused login password 'refused'");
  await admin.unsafe("create database refused owner refused");
  await admin.end();
  const refusedAdminUrl = new URL(pg.url);
  refusedAdminUrl.pathname = "/refused";
  const inRefused = postgres(refusedAdminUrl.toString(), { max: 1, onnotice: () => {} });
  // Every overload (PostgreSQL 17 added a fourth argument).
  await inRefused.unsafe(`do $$ declare f regprocedure; begin
    for f in select oid::regprocedure from pg_proc where proname = 'pg_logical_emit_message' loop
      execute format('revoke execute on function %s from public', f);
    end loop; end $$`);
  await inRefused.end();
  const url = new URL(refusedAdminUrl);
  url.username = "refused";
  url.password = "refused";
  const refused = await openPostgres(url.toString(), 4);
  try {
    const send = (requestId: number, type = "MEDIA_AUTO_APPROVED") =>
      ingestWebhook({
        db: refused.db,
        source: "jellyseerr",
        contentType: "application/json",
        raw: Buffer.from(JSON.stringify(jellyseerr(type, { requestId, tmdbId: 900 + requestId, subject: `Film ${requestId}` }))),
      });
    // A delivery the app does not track writes the source's health line (a flush of its own), so the next one within
    // the second writes nothing but its own change.
    expect((await send(0, "ISSUE_CREATED")).kind).toBe("ignored");
    // The first delivery committed before it learnt of the refusal: it is applied (not kept pending for a retry), and
    // answered after a flush of the app's own row, which cannot take less than the delay.
    const firstSentAt = performance.now();
    expect((await send(1)).kind).toBe("applied");
    expect(performance.now() - firstSentAt).toBeGreaterThanOrEqual(COMMIT_DELAY_MS);
    await new Promise((r) => setTimeout(r, 50));

    let notifiedAt = 0;
    const unlisten = await refused.listen("timeline", () => {
      notifiedAt ||= performance.now();
    });
    const sentAt = performance.now();
    const second = await send(2);
    await new Promise((r) => setTimeout(r, 50));
    await unlisten();
    expect(second.kind).toBe("applied");
    expect(notifiedAt).toBeGreaterThan(0);
    // The next commits wait for the disk again: nothing is heard of before a flush could end.
    expect(notifiedAt - sentAt).toBeGreaterThanOrEqual(COMMIT_DELAY_MS);
    const rows = await refused.db.execute(sql`select status from webhook_deliveries order by id`);
    expect((rows as unknown as { status: string }[]).map((r) => r.status)).toEqual(["ignored", "applied", "applied"]);
  } finally {
    await refused.close();
  }
});
