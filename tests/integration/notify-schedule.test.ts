import { describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notifyMessages, outbox, requests } from "@/db/schema";
import { applyTrackerEvents } from "@/lib/ingest/tracker";
import { notifyTicker } from "@/lib/workflows/notify/run";
import { onlyRequest } from "../helpers/db";
import { alex, clock, useNotifyReceivers, episodeInJellyfin, member, root, testConfig, tick } from "../helpers/notify-world";
import { hashes, jellyseerr, sonarrGrab, sonarrImport } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

// Each scenario drives real webhooks, the database and loopback receivers: generous under a loaded CI machine.
vi.setConfig({ testTimeout: 120_000 });

const { rx, titles } = useNotifyReceivers();

async function ok(source: string, body: unknown, options = {}) {
  const res = await postWebhook(source, body, options);
  if (res.status !== 200) throw new Error(`${source}: ${res.status} ${JSON.stringify(res.json)}`);
}

const series = { tvdbId: 81189, tmdbId: 1396, title: "Severance", type: "standard" };
/** Season 1 of an airing show: three release days behind us (two of them with two episodes), E06 still to air. */
const airDates: Record<number, string> = { 1: "2026-11-10", 2: "2026-11-17", 3: "2026-11-17", 4: "2026-11-24", 5: "2026-11-24", 6: "2099-01-05" };

/** Sonarr's bodies carry each episode's own air date. */
function withAirDates(body: Record<string, unknown>) {
  for (const e of body.episodes as { episodeNumber: number; airDate: string; airDateUtc: string }[]) {
    e.airDate = airDates[e.episodeNumber]!;
    e.airDateUtc = `${e.airDate}T02:00:00Z`;
  }
  return body;
}

async function airingSeason() {
  await ok(
    "jellyseerr",
    jellyseerr("MEDIA_AUTO_APPROVED", {
      mediaType: "tv",
      requestId: 70,
      tmdbId: 1396,
      tvdbId: 81189,
      seasons: [1],
      subject: "Severance (2022)",
      user: "alex",
    }),
  );
  const request = await onlyRequest();
  await applyTrackerEvents({
    db: await getDb(),
    source: "tracker",
    events: [
      {
        type: "episodes.listed",
        requestId: request.id,
        episodes: [1, 2, 3, 4, 5, 6].map((n) => ({
          seasonNumber: 1,
          episodeNumber: n,
          title: `Episode ${n}`,
          airDate: null,
          tvdbId: 9_001_000 + n,
          arrEpisodeId: 1100 + n,
          monitored: true,
          airDateUtc: `${airDates[n]}T02:00:00Z`,
        })),
      },
    ],
  });
  const aired = [1, 2, 3, 4, 5].map((episode) => ({ season: 1, episode }));
  await ok("sonarr", withAirDates(sonarrGrab({ ...series, hash: hashes.a, episodes: aired })));
  await ok("sonarr", withAirDates(sonarrImport({ ...series, hash: hashes.a, episodes: aired })));
  return request;
}

describe("later episodes of an airing season: one message per release day", () => {
  it("waits past the batch window for the rest of a release day, then says the day in one message; another day is another message", async () => {
    const t = clock();
    await member(alex, [`ntfy://${rx.host()}/alex-phone`]);
    await tick(t.now()); // first run: notes where the timeline is
    await airingSeason();

    await episodeInJellyfin(1);
    await tick(t.now());
    t.advance(121_000);
    await tick(t.now());
    expect(titles("alex-phone")).toEqual(["Severance S01E01 is ready to watch — the first of season 1"]);

    // E02 is playable; E03, released the same day, is not yet: the day's message waits beyond the 2-minute window.
    await episodeInJellyfin(2);
    await tick(t.now());
    t.advance(20 * 60_000);
    await tick(t.now());
    expect(titles("alex-phone")).toHaveLength(1);

    // E03 completes the day: the held message is due one window later, and woken through the outbox for Inngest.
    await episodeInJellyfin(3);
    await tick(t.now());
    const db = await getDb();
    const [held] = await db.select().from(notifyMessages).where(sql`${notifyMessages.batchKey} like '%:day:2026-11-17'`);
    expect(held?.dueAt.getTime()).toBe(t.now().getTime() + 120_000);
    const wakeUps = (await db.select().from(outbox)).filter((o) => (o.payload as { messageId?: number }).messageId === held!.id);
    expect(wakeUps.map((o) => o.availableAt.getTime()).sort()).toEqual([held!.dueAt.getTime(), held!.createdAt.getTime() + 6 * 3_600_000]);
    t.advance(121_000);
    await tick(t.now());
    expect(titles("alex-phone")).toEqual(["Severance S01E01 is ready to watch — the first of season 1", "Severance S01E02–E03 are ready to watch"]);

    // The next release day is a message of its own.
    await episodeInJellyfin(4);
    await episodeInJellyfin(5);
    await tick(t.now());
    t.advance(121_000);
    await tick(t.now());
    t.advance(6 * 3_600_000);
    await tick(t.now());
    expect(titles("alex-phone")).toEqual([
      "Severance S01E01 is ready to watch — the first of season 1",
      "Severance S01E02–E03 are ready to watch",
      "Severance S01E04–E05 are ready to watch",
    ]);
  });

  it("keeps a 2-minute window whole, and does not wait for a day's straggler forever: after 6 hours the day's ready episodes go out", async () => {
    const t = clock();
    await member(alex, [`ntfy://${rx.host()}/alex-phone`]);
    await tick(t.now());
    await airingSeason();
    // E01 and E02 are ready together: one message, though E02's release day (with E03) is not complete.
    await episodeInJellyfin(1);
    await episodeInJellyfin(2);
    await tick(t.now());
    t.advance(121_000);
    await tick(t.now());
    expect(titles("alex-phone")).toEqual(["Severance S01E01–E02 are ready to watch"]);
    // E04 is ready; E05, released the same day, never arrives.
    await episodeInJellyfin(4);
    await tick(t.now());
    t.advance(6 * 3_600_000 - 5_000);
    await tick(t.now());
    expect(titles("alex-phone")).toHaveLength(1);
    t.advance(10_000);
    await tick(t.now());
    expect(titles("alex-phone")).toEqual(["Severance S01E01–E02 are ready to watch", "Severance S01E04 is ready to watch"]);
  });
});

describe("the admins' daily digest", () => {
  // The passes run tomorrow (UTC), after everything the scenario sets up now: a request stuck since "now" is then older
  // than the first pass and is not announced on its own (only the digest tells of it), whatever the hour the test runs.
  const day = new Date(Date.now() + 24 * 3_600_000).toISOString().slice(0, 10);
  const at = (hh: number, mm: number) => Date.parse(`${day}T${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}:00Z`);
  const config = testConfig({ digestHour: 9, householdUrls: [] });

  async function waitingOnAdmins() {
    await ok("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: 81, tmdbId: 701, subject: "Pending Film (2001)", user: "alex" }));
    await ok("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 82, tmdbId: 702, subject: "Stalled Film (2002)", user: "alex" }));
    const db = await getDb();
    const [stalled] = await db.select({ id: requests.id }).from(requests).where(eq(requests.title, "Stalled Film"));
    await applyTrackerEvents({
      db,
      source: "tracker",
      events: [{ type: "attention.raised", requestId: stalled!.id, kind: "stalled", reason: "No seeds for 3 hours" }],
    });
  }

  it("tells admins once a day, from NOTIFY_DIGEST_HOUR, what waits on them; members are not told", async () => {
    await member(alex, [`ntfy://${rx.host()}/alex-phone`]);
    await member(root, [`ntfy://${rx.host()}/root-phone`]);
    await waitingOnAdmins();
    await tick(new Date(at(8, 59)), config);
    await tick(new Date(at(8, 59)), config);
    expect(titles("root-phone")).toEqual([]);
    await tick(new Date(at(9, 0)), config);
    await tick(new Date(at(9, 30)), config);
    await tick(new Date(at(23, 59)), config);
    expect(titles("root-phone")).toEqual(["2 requests waiting on you"]);
    const digest = rx.received.find((r) => (r.json as { topic?: string }).topic === "root-phone")!.json as { message: string };
    expect(digest.message.split("\n").sort()).toEqual(["• Pending Film: waiting for approval", "• Stalled Film: No seeds for 3 hours"]);
    expect(titles("alex-phone")).toEqual([]);
    // The next day, again.
    await tick(new Date(at(9, 0) + 24 * 3_600_000), config);
    expect(titles("root-phone")).toHaveLength(2);
  });

  it("says nothing on a day when nothing waits", async () => {
    await member(root, [`ntfy://${rx.host()}/root-phone`]);
    await tick(new Date(at(8, 0)), config);
    await tick(new Date(at(10, 0)), config);
    expect(titles("root-phone")).toEqual([]);
  });

  it("is not lost when filing it fails: the next pass files it", async () => {
    await member(root, [`ntfy://${rx.host()}/root-phone`]);
    await waitingOnAdmins();
    await tick(new Date(at(8, 0)), config);
    const db = await getDb();
    // A real failure inside the filing transaction (as a dropped connection would be): the database refuses items.
    await db.execute(sql`create function refuse_items() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`);
    await db.execute(sql`create trigger refuse_items before insert on notify_items for each row execute function refuse_items()`);
    try {
      await expect(tick(new Date(at(9, 0)), config)).rejects.toThrow();
    } finally {
      await db.execute(sql`drop trigger refuse_items on notify_items`);
      await db.execute(sql`drop function refuse_items()`);
    }
    await tick(new Date(at(9, 1)), config);
    await tick(new Date(at(9, 2)), config);
    expect(titles("root-phone")).toEqual(["2 requests waiting on you"]);
  });
});

describe("an idle pass", () => {
  /** The row version of the timeline cursor: a new one for every write, even of the same value. */
  async function cursorVersion() {
    const rows = (await (await getDb()).execute(sql`select xmin::text as version from notify_state where key = 'timeline-cursor'`)) as unknown as {
      version: string;
    }[];
    return rows[0]?.version ?? null;
  }

  it("writes nothing while nothing happens, and moves the cursor when the timeline does", async () => {
    await member(alex, [`ntfy://${rx.host()}/alex-phone`]);
    const t = clock();
    await tick(t.now()); // the first pass only places the cursor
    const placed = await cursorVersion();
    expect(placed).not.toBeNull();
    for (let i = 0; i < 3; i++) {
      t.advance(1_000);
      await tick(t.now());
    }
    expect(await cursorVersion()).toBe(placed);

    await ok("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 91, tmdbId: 791, subject: "Quiet Film (2001)", user: "alex" }));
    t.advance(1_000);
    await tick(t.now());
    expect(await cursorVersion()).not.toBe(placed);
  });
});

describe("what a pass reads of the timeline", () => {
  it("examines a request once for each new row, not again every second, and still a row that committed after a later one", async () => {
    await member(alex, [`ntfy://${rx.host()}/alex-phone`]);
    const t = clock();
    const pass = async () => {
      t.advance(1_000);
      return (await tick(t.now())).examined;
    };
    await pass(); // places the cursor
    await ok("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 92, tmdbId: 792, subject: "Early Film (2002)", user: "alex" }));
    expect(await pass()).toBe(1);
    expect(await pass()).toBe(0);

    // A transaction takes the next seq and commits only after another delivery's line, numbered after it, is read.
    const early = await onlyRequest();
    const db = await getDb();
    let commit = () => {};
    const held = db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into timeline_events (request_id, at, source, event, stage, message) values (${early.id}, now(), 'tracker', 'note', 'approved', 'late')`,
      );
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await ok("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 93, tmdbId: 793, subject: "Later Film (2003)", user: "alex" }));
    expect(await pass()).toBe(1);
    commit();
    await held;
    expect(await pass()).toBe(1);
    expect(await pass()).toBe(0);
  });
});

describe("the scheduler's notification tick", () => {
  it("passes only when the timeline moves, a message comes due, or a minute has gone by; between, one read", async () => {
    const t = clock();
    const ticker = notifyTicker({ db: getDb, config: () => testConfig(), deliver: true, now: t.now });
    await member(alex, [`ntfy://${rx.host()}/alex-phone`]);
    const passes: boolean[] = [];
    const step = async (ms: number) => {
      t.advance(ms);
      passes.push(await ticker());
    };
    await step(0); // the first tick passes: it places the cursor
    await step(1_000);
    await step(1_000);
    expect(passes).toEqual([true, false, false]);

    // The first episode of an airing season is a batched message, due one window (2 minutes) after the pass.
    await airingSeason();
    await episodeInJellyfin(1);
    passes.length = 0;
    await step(1_000); // the timeline moved
    await step(1_000); // once more, for a late commit
    await step(1_000);
    expect(passes).toEqual([true, true, false]);
    const [message] = await (await getDb()).select().from(notifyMessages);
    const dueIn = (message?.dueAt.getTime() ?? 0) - t.now().getTime();
    expect(dueIn).toBeGreaterThan(60_000);

    passes.length = 0;
    await step(59_000); // a minute after the last pass: time alone can make facts
    await step(dueIn - 59_000 - 1_000); // a second before the message is due
    expect(passes).toEqual([true, false]);
    expect(titles("alex-phone")).toEqual([]);
    await step(1_000);
    expect(passes).toEqual([true, false, true]);
    expect(titles("alex-phone")).toEqual(["Severance S01E01 is ready to watch — the first of season 1"]);
  });
});
