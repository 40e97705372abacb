import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { countRequestsByRequester, summarizeStageDurations, summarizeStuck, summarizeTimeToWatchable } from "@/db/queries/insights";
import { requests, timelineEvents } from "@/db/schema";
import { wholeHousehold, type ReadScope } from "@/lib/auth/policy";
import type { Stage } from "@/lib/domain/stages";
import { resetTables } from "../helpers/db";

/**
 * Known timelines in, known medians and 90th percentiles out. Each row is a request: when it reached each
 * stage (seconds after its request), who asked, through which indexer. percentile_cont interpolates: for
 * the five values 100, 200, 300, 400, 1000 the median is 300 and the 90th percentile 400 + 0.6 × 600 = 760.
 */
type Known = {
  title: string;
  media: "movie" | "tv";
  at: string;
  by: string | null;
  indexer?: string;
  source?: "jellyseerr" | "jellyfin";
  /** Seconds after `at` that each stage was first reached. */
  times: Partial<Record<Stage, number>>;
  stage: Stage;
  stuck?: { kind: string | null; reason: string }[];
};

const known: Known[] = [
  // Movies: grabbed 10 s after the request, downloading 10 s later, available after a download of d seconds.
  {
    title: "M1",
    media: "movie",
    at: "2026-01-05T10:00:00Z",
    by: "Alex",
    indexer: "Nyaa",
    times: { requested: 0, grabbing: 10, downloading: 20, available: 120 },
    stage: "available",
  },
  {
    title: "M2",
    media: "movie",
    at: "2026-01-06T10:00:00Z",
    by: "alex",
    indexer: "Nyaa",
    times: { requested: 0, grabbing: 10, downloading: 20, available: 220 },
    stage: "available",
  },
  // 23:30 UTC on 31 January is already February in Berlin.
  {
    title: "M3",
    media: "movie",
    at: "2026-01-31T23:30:00Z",
    by: "Sam",
    indexer: "1337x",
    times: { requested: 0, grabbing: 10, downloading: 20, available: 320 },
    stage: "available",
  },
  {
    title: "M4",
    media: "movie",
    at: "2026-02-02T10:00:00Z",
    by: "Sam",
    indexer: "1337x",
    times: { requested: 0, grabbing: 10, downloading: 20, available: 420 },
    stage: "available",
  },
  {
    title: "M5",
    media: "movie",
    at: "2026-02-03T10:00:00Z",
    by: "Sam",
    indexer: "1337x",
    times: { requested: 0, grabbing: 10, downloading: 20, available: 1020 },
    stage: "available",
    stuck: [
      { kind: "stalled", reason: "No seeds" },
      { kind: "stalled", reason: "No seeds for 2 h" },
    ],
  },
  // Still downloading: its grab counts, its download has no end yet.
  {
    title: "M6",
    media: "movie",
    at: "2026-02-04T10:00:00Z",
    by: "Kim",
    indexer: "Nyaa",
    times: { requested: 0, grabbing: 10, downloading: 20 },
    stage: "downloading",
    stuck: [{ kind: "stalled", reason: "No seeds" }],
  },
  // TV: the first episode ready at 660 s (partly available), the season at 1260 s.
  {
    title: "T1",
    media: "tv",
    at: "2026-01-10T10:00:00Z",
    by: "Alex",
    indexer: "Nyaa",
    times: { requested: 0, grabbing: 30, downloading: 60, partially_available: 660, available: 1260 },
    stage: "available",
    stuck: [{ kind: null, reason: "Import blocked: no files eligible" }],
  },
  // Auto-approved (no "requested" stage): the request time is when it was first heard of.
  { title: "T2", media: "tv", at: "2026-01-11T10:00:00Z", by: "Kim", times: { approved: 0, downloading: 100, available: 400 }, stage: "available" },
  // Imported from the library: no request, no journey.
  { title: "L1", media: "movie", at: "2026-01-12T10:00:00Z", by: null, source: "jellyfin", times: { available: -86_400 }, stage: "available" },
];

beforeAll(async () => {
  await resetTables();
  const db = await getDb();
  for (const k of known) {
    const at = Date.parse(k.at);
    const stageTimes = Object.fromEntries(Object.entries(k.times).map(([s, sec]) => [s, new Date(at + sec * 1000).toISOString()]));
    const [row] = await db
      .insert(requests)
      .values({
        source: k.source ?? "jellyseerr",
        mediaType: k.media,
        title: k.title,
        titleKey: k.title.toLowerCase(),
        requestedBy: k.by,
        indexer: k.indexer ?? null,
        ownStage: k.stage === "partially_available" ? "downloading" : k.stage,
        stage: k.stage,
        stageTimes,
        createdAt: new Date(at),
      })
      .returning({ id: requests.id });
    for (const s of k.stuck ?? []) {
      await db.insert(timelineEvents).values({
        requestId: row!.id,
        source: "tracker",
        event: s.kind ? "attention.raised" : "import.blocked",
        message: s.reason,
        data: s.kind ? { kind: s.kind } : null,
      });
    }
  }
});

const alex: ReadScope = { all: false, requesters: ["alex"] };

describe("stage durations", () => {
  it("gives the median and 90th percentile per stage and media type, counting only stages that ended", async () => {
    const rows = await summarizeStageDurations({ db: await getDb(), scope: wholeHousehold });
    const whole = rows.filter((r) => r.month === null).map((r) => [r.mediaType, r.stage, r.samples, r.medianSeconds, r.p90Seconds]);
    expect(whole).toEqual([
      ["movie", "requested", 6, 10, 10],
      ["movie", "grabbing", 6, 10, 10],
      ["movie", "downloading", 5, 300, 760],
      // T1: requested 30 s, T2: requested → approved at once (0 s).
      ["tv", "requested", 2, 15, 27],
      ["tv", "approved", 1, 100, 100],
      ["tv", "grabbing", 1, 30, 30],
      // T1 downloading 600 s until its first episode, T2 300 s until available.
      ["tv", "downloading", 2, 450, 570],
    ]);
  });

  it("splits them by the month each stage was reached, in the viewer's time zone", async () => {
    const db = await getDb();
    const downloads = (rows: Awaited<ReturnType<typeof summarizeStageDurations>>) =>
      rows.filter((r) => r.mediaType === "movie" && r.stage === "downloading" && r.month !== null).map((r) => [r.month, r.samples, r.medianSeconds]);
    expect(downloads(await summarizeStageDurations({ db, scope: wholeHousehold }))).toEqual([
      ["2026-01", 3, 200],
      ["2026-02", 2, 700],
    ]);
    expect(downloads(await summarizeStageDurations({ db, scope: wholeHousehold, timeZone: "Europe/Berlin" }))).toEqual([
      ["2026-01", 2, 150],
      ["2026-02", 3, 400],
    ]);
  });

  it("reads only what a member may see", async () => {
    const rows = await summarizeStageDurations({ db: await getDb(), scope: alex });
    expect(rows.filter((r) => r.month === null).map((r) => [r.mediaType, r.stage, r.samples, r.medianSeconds])).toEqual([
      ["movie", "requested", 2, 10],
      ["movie", "grabbing", 2, 10],
      ["movie", "downloading", 2, 150],
      ["tv", "requested", 1, 30],
      ["tv", "grabbing", 1, 30],
      ["tv", "downloading", 1, 600],
    ]);
    expect(await summarizeStageDurations({ db: await getDb(), scope: null })).toEqual([]);
  });
});

describe("time from request to watchable", () => {
  it("is per month of the request and media type; a series counts from its first ready episode", async () => {
    const rows = await summarizeTimeToWatchable({ db: await getDb(), scope: wholeHousehold });
    expect(rows.map((r) => [r.month, r.mediaType, r.samples, r.medianSeconds, r.p90Seconds])).toEqual([
      ["2026-01", "movie", 3, 220, 300],
      ["2026-01", "tv", 2, 530, 634],
      ["2026-02", "movie", 2, 720, 960],
    ]);
  });
});

describe("what gets stuck", () => {
  it("counts requests per kind and reason (a repeated diagnosis once per request) and per indexer", async () => {
    const stuck = await summarizeStuck({ db: await getDb(), scope: wholeHousehold });
    expect(stuck.byKind).toEqual([
      { kind: "stalled", requests: 2 },
      { kind: "import_blocked", requests: 1 },
    ]);
    expect(stuck.reasons).toEqual([
      { kind: "stalled", reason: "No seeds", requests: 2 },
      { kind: "import_blocked", reason: "Import blocked: no files eligible", requests: 1 },
      { kind: "stalled", reason: "No seeds for 2 h", requests: 1 },
    ]);
    expect(stuck.byIndexer).toEqual([
      { indexer: "Nyaa", requests: 4, stuck: 2 },
      { indexer: "1337x", requests: 3, stuck: 1 },
    ]);
    const mine = await summarizeStuck({ db: await getDb(), scope: alex });
    expect(mine.byKind).toEqual([{ kind: "import_blocked", requests: 1 }]);
  });
});

describe("requests per requester", () => {
  it("counts each requester's requests by outcome, names in any case as one", async () => {
    const rows = await countRequestsByRequester({ db: await getDb(), scope: wholeHousehold });
    expect(rows).toEqual([
      { requestedBy: "Alex", total: 3, available: 3, active: 0, stuck: 1, failed: 0 },
      { requestedBy: "Sam", total: 3, available: 3, active: 0, stuck: 1, failed: 0 },
      { requestedBy: "Kim", total: 2, available: 1, active: 1, stuck: 1, failed: 0 },
    ]);
  });
});
