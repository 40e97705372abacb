/**
 * Library import benchmark: "Sync library" over a simulated Jellyfin of 10,000 titles (8,000 movies, 2,000
 * series with 3 episodes each), 200 Jellyseerr requests and 50 downloads in Radarr's queue, in-process (the
 * same service the Inngest function runs page by page). Measures the first import, a re-run (nothing to add)
 * and, as the floor, fetching every page from the simulators without touching the database. Writes the
 * "Library import" section of docs/benchmarks.md.
 *
 *   npm run bench:library          (Postgres when DATABASE_URL is set, else PGlite)
 */
import { cpus, loadavg } from "node:os";
import { startSimulators } from "../tests/fakes/stack";
import { simulatorClients } from "../tests/helpers/action-world";
import { simulatedLibrary } from "../tests/helpers/library-world";
import { writeSubsection } from "./lib/bench-doc";
import { freshDatabase } from "./lib/fresh-database";
import { summary } from "./lib/stats";

const MOVIES = 8000;
const SERIES = 2000;
const EPISODES_EACH = 3;

async function main() {
  const load = loadavg()[0] ?? 0;
  const database = await freshDatabase(process.env.DATABASE_URL, "bench_sync");
  Object.assign(process.env, database.env, { LOG_LEVEL: "error" });
  if (!("DATABASE_URL" in database.env)) delete process.env.DATABASE_URL;
  const sim = await startSimulators();
  try {
    sim.jellyfin.items = simulatedLibrary({ movies: MOVIES, series: SERIES, episodesEach: EPISODES_EACH });
    for (let i = 1; i <= 200; i += 1)
      sim.jellyseerr.requests.push({
        id: i,
        type: "movie",
        media: { id: 5000 + i, tmdbId: 100_000 + i * 7, status: 5 },
        requestedBy: { id: 2, displayName: `member${i % 5}` },
      });
    for (let i = 1; i <= 50; i += 1) {
      sim.radarr.movies.push({ id: 7000 + i, title: `In flight ${i}`, tmdbId: 900_000 + i, tags: [] });
      sim.radarr.queue.push({ downloadId: i.toString(16).padStart(40, "9"), ownerId: 7000 + i, size: 1000, sizeleft: 400 });
    }
    const clients = simulatorClients(sim);
    const { getDb, closeDatabase } = await import("../db/client");
    const { startLibrarySyncRow, getLibrarySync } = await import("../db/queries/library-syncs");
    const { syncLibraryPage } = await import("../lib/workflows/library-sync");
    const db = await getDb();

    // Floor: every page fetched and parsed, nothing written.
    const t = performance.now();
    for (const types of ["Movie,Series", "Episode"] as const) {
      const size = types === "Episode" ? 1000 : 500;
      for (let start = 0; ; start += size) {
        const page = await clients.jellyfin!.libraryPage({ types, startIndex: start, limit: size });
        if (start + page.items.length >= page.total || page.items.length === 0) break;
      }
    }
    for (let skip = 0; skip < 200; skip += 100) await clients.jellyseerrAdmin!.requestPage({ skip, take: 100 });
    await clients.radarr!.queue({ includeMovie: true });
    const floorMs = performance.now() - t;

    async function run(label: string) {
      const { row } = await startLibrarySyncRow({ db, by: "bench" });
      const pages: number[] = [];
      const started = performance.now();
      for (;;) {
        const p = performance.now();
        const outcome = await syncLibraryPage({ db, clients, syncId: row.id, imageBase: "http://jellyfin" });
        pages.push(performance.now() - p);
        if (!outcome.cursor) break;
      }
      const total = performance.now() - started;
      const done = await getLibrarySync({ db, id: row.id });
      process.stdout.write(
        `${label}: ${(total / 1000).toFixed(1)} s, ${pages.length} pages, created ${done?.created}, ${done?.done} of ${done?.total}\n`,
      );
      return { total, pages: summary(pages), created: done?.created ?? 0, items: done?.done ?? 0 };
    }
    const first = await run("first import");
    const again = await run("re-run");
    await closeDatabase();

    const driver = "DATABASE_URL" in database.env ? "PostgreSQL (server)" : "PGlite";
    const s = (v: number) => `${(v / 1000).toFixed(1)} s`;
    writeSubsection(
      "docs/benchmarks.md",
      "Library import",
      '`npm run bench:library` (scripts/bench-library-sync.ts): "Sync library" in-process over the simulators, the service the `library-sync` Inngest function runs one page per step.',
      `${new Date().toISOString().slice(0, 10)}, ${driver}, ${cpus().length} cores, load average ${load.toFixed(1)} at start`,
      [
        `Library: ${MOVIES.toLocaleString("en")} movies + ${SERIES.toLocaleString("en")} series (10,000 titles) with ${(SERIES * EPISODES_EACH).toLocaleString("en")} episodes, 200 Jellyseerr requests, 50 downloads in Radarr's queue.`,
        "",
        "| run | total | items | rows created | per page p50 / p95 / max |",
        "|---|---|---|---|---|",
        `| floor: fetch every page, no database | ${s(floorMs)} | | | |`,
        `| first import | ${s(first.total)} | ${first.items.toLocaleString("en")} | ${first.created.toLocaleString("en")} | ${first.pages.p50.toFixed(0)} / ${first.pages.p95.toFixed(0)} / ${first.pages.max.toFixed(0)} ms |`,
        `| re-run (nothing new) | ${s(again.total)} | ${again.items.toLocaleString("en")} | ${again.created.toLocaleString("en")} | ${again.pages.p50.toFixed(0)} / ${again.pages.p95.toFixed(0)} / ${again.pages.max.toFixed(0)} ms |`,
        "",
        `The database work per 10,000 titles is the first import minus the floor: ${s(first.total - floorMs)}. A re-run matches every title by provider id or Jellyfin item id and writes nothing.`,
      ].join("\n"),
    );
  } finally {
    await sim.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
