import net from "node:net";
import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { findDownload } from "@/db/queries/downloads";
import { listEpisodesForRequests } from "@/db/queries/episodes";
import { findRequestsForMedia, lockRequests } from "@/db/queries/requests";
import { downloads, episodes, requests } from "@/db/schema";
import { resetTables } from "../helpers/db";
import { buildFlow, type Flow } from "../helpers/flows";
import { postWebhook } from "../helpers/webhooks";

beforeEach(resetTables);

const DATABASE_PORT = Number(new URL(process.env.DATABASE_URL ?? "postgres://127.0.0.1:5432").port || 5432);

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

/**
 * Counts the writes this process makes to the database's sockets while `run` runs. A source's "last delivery" line
 * is written by a timer at most once a second (lib/ingest/source-note.ts), not by a delivery: on a slow machine one
 * lands inside the window, so its statement is not counted.
 */
async function databaseWrites(run: () => Promise<void>): Promise<number> {
  let writes = 0;
  const original = net.Socket.prototype.write;
  net.Socket.prototype.write = function (this: net.Socket, ...args: Parameters<net.Socket["write"]>) {
    const [chunk] = args;
    if (this.remotePort === DATABASE_PORT && !isSourceNote(this, chunk)) writes += 1;
    return original.apply(this, args);
  } as net.Socket["write"];
  try {
    await run();
  } finally {
    net.Socket.prototype.write = original;
  }
  return writes;
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
    // Warm-up: every pooled connection a delivery may get has prepared the statements it sends.
    for (let n = 1; n <= 12; n += 1) await post(buildFlow("movie", n));
    // Each delivery of a flow counted alone, in four flows, and the fewest writes kept for each step of the flow: on
    // a busy machine the pool may open a connection mid-flow, whose first use of each statement prepares it (two
    // writes more), or work that follows a commit may land in the next delivery's window. The steady state of each
    // step is what is measured.
    const flows = [100, 101, 102, 103].map((n) => buildFlow("movie", n));
    const byStep: number[][] = flows[0]?.deliveries.map(() => []) ?? [];
    for (const flow of flows) {
      for (const [step, d] of flow.deliveries.entries()) byStep[step]?.push(await databaseWrites(() => postOne(d)));
    }
    const fewest = byStep.map((counts) => Math.min(...counts));
    const perDelivery = fewest.reduce((sum, n) => sum + n, 0) / fewest.length;
    // Begin, the lock with its lookups, the row locks, the writes with the inbox row, commit: about five a
    // delivery. Unprepared statements are described before they are bound: two writes each, 23 a delivery here.
    expect(perDelivery, `writes per step: ${byStep.map((c) => c.join("/")).join(", ")}`).toBeLessThanOrEqual(7);
  });

  it("reads rows by hand exactly as the query builder does", async () => {
    await post(buildFlow("movie", 1));
    await post(buildFlow("tv", 2));
    const db = await getDb();
    const all = await db.select().from(requests).orderBy(asc(requests.id));
    expect(all).toHaveLength(2);
    for (const row of all) {
      const media = { mediaType: row.mediaType, tmdbId: row.tmdbId, tvdbId: row.tvdbId, imdbId: row.imdbId };
      expect(await findRequestsForMedia({ db, media })).toEqual([row]);
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
