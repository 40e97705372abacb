import { beforeEach, describe, expect, it } from "vitest";
import { getDatabase, type Database } from "@/db/client";
import { appendTimelineEvents } from "@/db/queries/timeline";
import { LiveHub } from "@/lib/live/hub";
import { resetTables } from "../helpers/db";
import { liveCollector } from "../helpers/live-collector";
import { jellyseerr } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";
import { eventually } from "../helpers/eventually";

beforeEach(resetTables);

/** A live client, and the seqs of the updates it was sent, in order. */
function collector() {
  const live = liveCollector();
  return { client: live.client, ids: () => live.updates().map((u) => u.data.seq) };
}

/** The test's own database handle whose notifications never arrive: the test decides when the hub reads. */
async function silentDatabase(): Promise<Database> {
  const real = await getDatabase();
  return { ...real, listen: async () => async () => {} };
}

/** A timeline row written in a transaction the test commits when it likes (its seq is taken now). */
async function openInsert(message: string): Promise<{ commit: () => Promise<void> }> {
  const { db } = await getDatabase();
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  let inserted: () => void = () => {};
  const ready = new Promise<void>((r) => (inserted = r));
  const done = db.transaction(async (tx) => {
    await appendTimelineEvents({ db: tx, entries: [{ requestId: null, source: "jellyseerr", event: "test", message }] });
    inserted();
    await gate;
  });
  await ready;
  return {
    commit: async () => {
      release();
      await done;
    },
  };
}

async function insertNow(message: string): Promise<void> {
  const { db } = await getDatabase();
  await appendTimelineEvents({ db, entries: [{ requestId: null, source: "jellyseerr", event: "test", message }] });
}

describe("live resume", () => {
  it("a row that commits out of order is sent once to a client resuming between the commit and the hub's read", async () => {
    const hub = new LiveHub(silentDatabase);
    const watcher = collector();
    await hub.attach(watcher.client, null);

    const slow = await openInsert("slow"); // takes seq 1, commits last
    await insertNow("fast"); // seq 2
    hub.wake();
    await eventually(() => expect(watcher.ids()).toEqual([2]));

    // seq 1 commits; before the hub reads it again, a client resumes from 0: its replay includes seq 1.
    await slow.commit();
    const resumed = collector();
    await hub.attach(resumed.client, 0);
    expect(resumed.ids()).toEqual([1, 2]);

    hub.wake();
    await eventually(() => expect(watcher.ids()).toEqual([2, 1]));
    await insertNow("after"); // seq 3
    hub.wake();
    await eventually(() => expect(resumed.ids()).toEqual([1, 2, 3]));
    expect(watcher.ids()).toEqual([2, 1, 3]);
  });

  it("clients resuming in the middle of a burst of concurrent webhooks get every later event exactly once", async () => {
    const hub = new LiveHub(getDatabase);
    const reference = collector();
    await hub.attach(reference.client, 0);
    // `sent`: what the reference had been sent up to and including `from`, which a client resuming from there has seen.
    const resumed: { from: number; sent: Set<number>; c: ReturnType<typeof collector> }[] = [];

    const WAVES = 8;
    const PER_WAVE = 6;
    for (let wave = 0; wave < WAVES; wave++) {
      const posts = Array.from({ length: PER_WAVE }, (_, i) => {
        const id = 500 + wave * PER_WAVE + i;
        return postWebhook("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: id, tmdbId: 50_000 + id, subject: `Burst ${id} (2020)` }));
      });
      // Resume while the wave is in flight, from a point somewhat behind what the reference has seen.
      const seen = reference.ids();
      const upTo = Math.max(0, seen.length - 1 - wave);
      const from = seen[upTo] ?? 0;
      const c = collector();
      const attached = hub.attach(c.client, from);
      resumed.push({ from, sent: new Set(seen.slice(0, upTo + 1)), c });
      await Promise.all([...posts, attached]);
    }

    const total = WAVES * PER_WAVE;
    await eventually(() => expect(reference.ids()).toHaveLength(total), { timeout: 10_000 });
    const all = [...reference.ids()].sort((a, b) => a - b);
    expect(new Set(all).size).toBe(total);
    for (const { from, sent, c } of resumed) {
      const expected = all.filter((seq) => seq > from);
      await eventually(() => expect(c.ids().filter((seq) => seq > from).length).toBeGreaterThanOrEqual(expected.length), {
        timeout: 10_000,
      });
      const got = c.ids();
      expect(got.length, `resumed from ${from}: ${got.join(",")}`).toBe(new Set(got).size);
      expect(got.filter((seq) => seq > from).sort((a, b) => a - b)).toEqual(expected);
      // Seqs are taken at insert and seen at commit: a row below `from` that commits after it is still sent,
      // once, but never one the stream had already sent before `from`.
      const late = got.filter((seq) => seq <= from);
      expect(
        late.filter((seq) => sent.has(seq)),
        `resumed from ${from}: ${got.join(",")}`,
      ).toEqual([]);
    }
  });
});
