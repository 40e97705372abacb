import type net from "node:net";
import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { findDownload } from "@/db/queries/downloads";
import { listEpisodesForRequests } from "@/db/queries/episodes";
import { lockRequests, lockRequestsForMedia } from "@/db/queries/requests";
import { downloads, episodes, requests } from "@/db/schema";
import { watchDatabaseWrites } from "../helpers/database-writes";
import { resetTables } from "../helpers/db";
import { buildFlow, type Flow } from "../helpers/flows";
import { postWebhook } from "../helpers/webhooks";

beforeEach(resetTables);

/**
 * The note's statement is built unprepared: its text goes out in one write (Parse), its values in the next on that
 * socket (a Bind of the unnamed statement).
 */
const noting = new WeakSet<net.Socket>();
function isSourceNote(socket: net.Socket, chunk: unknown): boolean {
  if (!Buffer.isBuffer(chunk)) return false;
  if (chunk.includes("source_status")) {
    noting.add(socket);
    return true;
  }
  const unnamedBind = chunk[0] === 0x42 && chunk[5] === 0 && chunk[6] === 0;
  if (noting.has(socket) && unnamedBind) {
    noting.delete(socket);
    return true;
  }
  return false;
}

/** The statement texts this process has prepared (a named Parse) on any database connection. */
const preparedTexts = new Set<string>();

/**
 * Whether a write prepares, on one more pooled connection, a statement another connection already prepared.
 * postgres.js keeps prepared statements per connection, and the pool opens another connection whenever two pieces
 * of work overlap (more often on a busy machine). While a connection describes a statement it holds back the
 * statements queued behind it, so a pipelined batch goes out in several writes: such a window is a connection
 * catching up, not the path's steady state. A statement whose text is new is not catching up.
 */
function preparesKnownStatement(chunk: unknown): boolean {
  if (!Buffer.isBuffer(chunk)) return false;
  let known = false;
  for (let at = 0; at + 5 <= chunk.length; at += 1 + chunk.readInt32BE(at + 1)) {
    if (chunk[at] !== 0x50) continue;
    const nameEnd = chunk.indexOf(0, at + 5);
    if (nameEnd === at + 5) continue;
    const text = chunk.toString("utf8", nameEnd + 1, chunk.indexOf(0, nameEnd + 1));
    if (preparedTexts.has(text)) known = true;
    else preparedTexts.add(text);
  }
  return known;
}

type Window = { writes: number; caughtUp: boolean };

/**
 * Counts the writes this process makes to the database's sockets while `run` runs. A source's "last delivery" line
 * is written by a timer at most once a second (lib/ingest/source-note.ts), not by a delivery: on a slow machine one
 * lands inside the window, so its statement is not counted.
 */
async function databaseWrites(run: () => Promise<void>): Promise<Window> {
  const window: Window = { writes: 0, caughtUp: false };
  await watchDatabaseWrites(run, (socket, chunk) => {
    if (isSourceNote(socket, chunk)) return;
    window.writes += 1;
    if (preparesKnownStatement(chunk)) window.caughtUp = true;
  });
  return window;
}

async function post(flow: Flow): Promise<void> {
  for (const d of flow.deliveries) await postOne(d);
}

async function postOne(d: Flow["deliveries"][number]): Promise<void> {
  const res = await postWebhook(d.source, undefined, { raw: d.body, contentType: d.contentType });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

describe("the webhook hot path", () => {
  it("applies a delivery in a few round trips once its statements are prepared", async () => {
    // Warm-up, watched like the measured flows so the statements it prepares are known.
    for (let n = 1; n <= 12; n += 1) await databaseWrites(() => post(buildFlow("movie", n)));
    // Each delivery of a flow counted alone, and the fewest writes kept for each step of the flow, over windows in
    // which no connection caught up (preparesKnownStatement): work that follows a commit may also land in the next
    // delivery's window. Flows go on until every step has two such windows; the steady state is what is measured.
    const steps = buildFlow("movie", 100).deliveries.length;
    const byStep: Window[][] = Array.from({ length: steps }, () => []);
    const clean = (step: number) => byStep[step]?.filter((w) => !w.caughtUp).map((w) => w.writes) ?? [];
    for (let n = 100; n < 124 && byStep.some((_, step) => clean(step).length < 2); n += 1) {
      for (const [step, d] of buildFlow("movie", n).deliveries.entries()) {
        byStep[step]?.push(await databaseWrites(() => postOne(d)));
      }
    }
    const seen = byStep.map((windows) => windows.map((w) => `${w.writes}${w.caughtUp ? "*" : ""}`).join("/")).join(", ");
    expect(
      byStep.every((_, step) => clean(step).length >= 2),
      `no steady window for a step: ${seen}`,
    ).toBe(true);
    const fewest = byStep.map((_, step) => Math.min(...clean(step)));
    const perDelivery = fewest.reduce((sum, n) => sum + n, 0) / fewest.length;
    // Begin with the lock and the lookups (which lock what they find and read its episodes), the writes with the inbox
    // row and the commit (more than one write past 1 kB), and, a delivery arriving alone, its flush: about four a
    // delivery (seven with begin, the row locks and the commit each sent alone). Unprepared statements are described
    // before they are bound: two writes each, 23 a delivery here.
    expect(perDelivery, `writes per step (* a connection caught up): ${seen}`).toBeLessThanOrEqual(4.5);
  });

  it("reads rows by hand exactly as the query builder does", async () => {
    await post(buildFlow("movie", 1));
    await post(buildFlow("tv", 2));
    const db = await getDb();
    const all = await db.select().from(requests).orderBy(asc(requests.id));
    expect(all).toHaveLength(2);
    for (const row of all) {
      const media = { mediaType: row.mediaType, tmdbId: row.tmdbId, tvdbId: row.tvdbId, imdbId: row.imdbId };
      const locked = await db.transaction((tx) => lockRequestsForMedia({ db: tx, media }));
      expect(locked.rows).toEqual([row]);
      expect(locked.episodes).toEqual(await listEpisodesForRequests({ db, requestIds: [row.id] }));
      expect(await db.transaction((tx) => lockRequests({ db: tx, ids: [row.id] }))).toEqual([row]);
      const built = await db
        .select()
        .from(episodes)
        .where(eq(episodes.requestId, row.id))
        .orderBy(asc(episodes.seasonNumber), asc(episodes.episodeNumber));
      expect(await listEpisodesForRequests({ db, requestIds: [row.id] })).toEqual(built);
    }
    const tv = all.find((r) => r.mediaType === "tv");
    expect((await listEpisodesForRequests({ db, requestIds: [tv?.id ?? 0] })).length).toBeGreaterThan(0);
    for (const download of await db.select().from(downloads)) {
      expect(await db.transaction((tx) => findDownload({ db: tx, hash: download.hash }))).toEqual(download);
    }
  });
});
