import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getLibrarySync, startLibrarySyncRow } from "@/db/queries/library-syncs";
import { createLibrarySync } from "@/inngest/functions/library-sync";
import { runLibrarySync, syncLibraryPage } from "@/lib/workflows/library-sync";
import { startSimulators, type Simulators } from "../fakes/stack";
import { simulatorClients } from "../helpers/action-world";
import { resetTables } from "../helpers/db";
import { simulatedLibrary } from "../helpers/library-world";

/**
 * "Sync library" over a simulated 10,000-title library (8,000 movies, 2,000 series with 2 episodes each), two
 * Jellyseerr requests and one download in Radarr's queue: everything lands once, and again nothing is duplicated.
 */
let sim: Simulators;
const BASE = "http://jellyfin.example";

beforeAll(async () => {
  await resetTables();
  sim = await startSimulators();
  sim.jellyfin.items = simulatedLibrary({ movies: 8000, series: 2000, episodesEach: 2 });
  sim.jellyseerr.requests = [
    {
      id: 41,
      type: "movie",
      createdAt: "2024-05-01T18:00:00.000Z",
      media: { id: 410, tmdbId: 100_007, status: 5 },
      requestedBy: { id: 3, displayName: "Cleo", email: "cleo@example.com" },
    },
    { id: 42, type: "tv", media: { id: 420, tmdbId: 55, tvdbId: 200_003, status: 5 }, requestedBy: { id: 4, displayName: "Dan" }, seasons: [1] },
  ];
  sim.radarr.movies = [{ id: 91, title: "In Flight", tmdbId: 999_001, tags: [] }];
  sim.radarr.queue = [{ downloadId: "cd".repeat(20), ownerId: 91, size: 1000, sizeleft: 250 }];
});
afterAll(() => sim.close());

async function counts() {
  const db = await getDb();
  const [row] = (await db.execute(sql`select
    (select count(*)::int from requests) as requests,
    (select count(*)::int from requests where stage = 'available') as available,
    (select count(*)::int from (select media_type, coalesce(tmdb_id, tvdb_id) from requests group by 1, 2 having count(*) > 1) d) as duplicates,
    (select count(*)::int from episodes) as episodes,
    (select count(*)::int from downloads) as downloads`)) as unknown as {
    requests: number;
    available: number;
    duplicates: number;
    episodes: number;
    downloads: number;
  }[];
  return row!;
}

describe("library import", () => {
  // Generous limits: the point is correctness at this size; speed is measured by scripts/bench-library-sync.ts.
  it("imports 10,000 titles with posters, episodes, requesters and what is in flight; shows n of N", { timeout: 240_000 }, async () => {
    const db = await getDb();
    const { row } = await startLibrarySyncRow({ db, by: "Ana" });
    await runLibrarySync({ db, clients: simulatorClients(sim), syncId: row.id, imageBase: BASE });
    const done = await getLibrarySync({ db, id: row.id });
    // Created rows: 10,000 titles, 4,000 episodes, 1 request in flight.
    expect(done).toMatchObject({ status: "done", created: 14_001, cursor: null, error: null });
    expect(done!.done).toBe(done!.total);
    expect(done!.total).toBe(10_000 + 4000 + 2 + 1);
    expect(await counts()).toEqual({ requests: 10_001, available: 10_000, duplicates: 0, episodes: 4000, downloads: 1 });
    const [movie] = (await db.execute(
      sql`select title, poster_url, requested_by, requested_by_email, jellyseerr_request_id, created_at from requests where tmdb_id = 100007`,
    )) as unknown as Record<string, unknown>[];
    expect(movie).toMatchObject({
      title: "Movie 7",
      poster_url: `${BASE}/Items/${"a".padEnd(29, "0")}007/Images/Primary`,
      requested_by: "Cleo",
      requested_by_email: "cleo@example.com",
      jellyseerr_request_id: 41,
    });
    expect(new Date(movie!.created_at as string).toISOString()).toBe("2024-05-01T18:00:00.000Z");
    const [show] = (await db.execute(sql`select requested_by, episode_counts from requests where tvdb_id = 200003`)) as unknown as Record<
      string,
      unknown
    >[];
    expect(show).toMatchObject({ requested_by: "Dan", episode_counts: { available: 2 } });
    const [flight] = (await db.execute(
      sql`select r.title, r.stage, d.progress from requests r join downloads d on d.request_id = r.id`,
    )) as unknown as Record<string, unknown>[];
    expect(flight).toMatchObject({ title: "In Flight", stage: "downloading", progress: 0.75 });
  });

  it("a re-run (and a page imported twice) adds nothing", { timeout: 240_000 }, async () => {
    const db = await getDb();
    const before = await counts();
    const { row } = await startLibrarySyncRow({ db, by: "Ana" });
    await syncLibraryPage({ db, clients: simulatorClients(sim), syncId: row.id, imageBase: BASE });
    await runLibrarySync({ db, clients: simulatorClients(sim), syncId: row.id, imageBase: BASE });
    expect(await getLibrarySync({ db, id: row.id })).toMatchObject({ status: "done", created: 0 });
    expect(await counts()).toEqual(before);
  });

  it("runs as the library-sync Inngest function, one step per page", { timeout: 120_000 }, async () => {
    const db = await getDb();
    sim.jellyfin.items = sim.jellyfin.items.filter((i) => i.Type !== "Episode").slice(0, 1200);
    const { row } = await startLibrarySyncRow({ db, by: "Ana" });
    const runtime = async () => ({ db: await getDb(), clients: simulatorClients(sim) });
    const t = new InngestTestEngine({ function: createLibrarySync(runtime, undefined, () => BASE) });
    const { result } = await t.execute({ events: [{ name: "tracker/library.sync_requested", data: { syncId: row.id } }] });
    // 3 pages of titles, one (empty) of episodes, 1 of Jellyseerr requests, 1 of queues.
    expect(result).toEqual({ pages: 6 });
    expect((await getLibrarySync({ db, id: row.id }))?.status).toBe("done");
  });
});
