/**
 * npm run bench:ingest — a realistic mixed webhook stream (many requests × full flows) at concurrency 16
 * against `next start` on Postgres. Prints throughput, latency percentiles and peak RSS, then verifies
 * the final state: every request available, every delivery applied once.
 *
 * Env: BENCH_DATABASE_URL (a Postgres server to create a fresh database on; default local),
 *      BENCH_REQUESTS (default 600), BENCH_CONCURRENCY (default 16).
 */
import postgres from "postgres";
import {
  jellyfinEpisode,
  jellyfinMovie,
  jellyseerr,
  qbitFinished,
  radarrGrab,
  radarrImport,
  sonarrGrab,
  sonarrImport,
  sonarrImportComplete,
} from "../tests/helpers/payloads";
import { freshDatabase } from "./lib/fresh-database";
import { startServer, treeRss } from "./lib/server";
import { summary } from "./lib/stats";
import { writeSubsection } from "./lib/bench-doc";
import { cpus, loadavg } from "node:os";

const SERVER = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECRET = "bench-secret";

type Delivery = { source: string; body: string; contentType: string };
const json = (source: string, body: unknown, contentType = "application/json"): Delivery => ({ source, body: JSON.stringify(body), contentType });
const hashOf = (n: number, k: number) => (n * 10 + k).toString(16).padStart(40, "0");

/** One request's whole life, in the order the services send it. */
function flow(n: number): Delivery[] {
  if (n % 5 < 3) {
    const tmdbId = 100_000 + n;
    const movie = { tmdbId, title: `Bench Movie ${n}`, tags: n % 10 === 0 ? ["anime"] : [] };
    const hash = hashOf(n, 1);
    return [
      json("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: n, tmdbId, subject: `Bench Movie ${n} (2024)`, user: `user${n % 4}` })),
      json("jellyseerr", jellyseerr("MEDIA_APPROVED", { requestId: n, tmdbId, subject: `Bench Movie ${n} (2024)` })),
      json("radarr", radarrGrab({ ...movie, hash })),
      { source: "qbittorrent", body: qbitFinished(hash), contentType: "application/x-www-form-urlencoded" },
      json("radarr", radarrImport({ ...movie, hash })),
      json("jellyfin", jellyfinMovie({ tmdbId, itemId: hashOf(n, 9).slice(0, 32) }), "text/plain"),
    ];
  }
  const tvdbId = 500_000 + n;
  const series = { tvdbId, tmdbId: 200_000 + n, title: `Bench Show ${n}`, type: n % 10 === 4 ? "anime" : "standard" };
  const ep = (episode: number) => ({ season: 1, episode, tvdbId: tvdbId * 100 + episode });
  const pack = [1, 2, 3, 4, 5, 6].map(ep);
  const [packHash, strayHash] = [hashOf(n, 1), hashOf(n, 2)];
  return [
    json("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { mediaType: "tv", requestId: n, tmdbId: series.tmdbId, tvdbId, seasons: [1] })),
    json("sonarr", sonarrGrab({ ...series, hash: packHash, episodes: pack })),
    json("sonarr", sonarrGrab({ ...series, hash: strayHash, episodes: [ep(7)] })),
    { source: "qbittorrent", body: qbitFinished(packHash), contentType: "application/x-www-form-urlencoded" },
    { source: "qbittorrent", body: qbitFinished(strayHash), contentType: "application/x-www-form-urlencoded" },
    json("sonarr", sonarrImportComplete({ ...series, hash: packHash, episodes: pack })),
    json("sonarr", sonarrImport({ ...series, hash: strayHash, episodes: [ep(7)] })),
    ...[...pack, ep(7)].map((e) =>
      json(
        "jellyfin",
        jellyfinEpisode({
          season: 1,
          episode: e.episode,
          tvdbId: e.tvdbId,
          seriesName: series.title,
          itemId: hashOf(n, 10 + e.episode).slice(0, 32),
        }),
        "text/plain",
      ),
    ),
  ];
}

const INTRO = [
  "`npm run bench:ingest` (scripts/bench-ingest.ts): a fresh Postgres database, one `next start`, and a mixed stream of",
  "full flows — 60 % movies (Jellyseerr pending + approved, Radarr grab, qBittorrent finished, Radarr import, Jellyfin",
  "ItemAdded) and 40 % tv (Jellyseerr, a six-episode pack plus a straggler: two grabs, two finished calls, an import-complete,",
  "a per-file import, seven ItemAdded) — each request's deliveries in order, 16 requests at a time. It then checks that",
  "every request is available and every delivery was applied exactly once.",
].join("\n");

async function main() {
  const loadAtStart = loadavg()[0]?.toFixed(2) ?? "?";
  const db = await freshDatabase(SERVER, "st_bench_ingest");
  const databaseUrl = db.env.DATABASE_URL ?? "";
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let sampler: NodeJS.Timeout | undefined;
  try {
    server = await startServer({ ...db.env, WEBHOOK_SECRET: SECRET, LOG_LEVEL: "warn" });
    const { url } = server;
    const pid = server.process.pid ?? 0;
    let peakRss = treeRss(pid);
    sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss(pid))), 100);
    const flows = Array.from({ length: REQUESTS }, (_, i) => flow(i + 1));
    const total = flows.reduce((sum, f) => sum + f.length, 0);
    const latencies: number[] = [];
    const failures: string[] = [];
    let next = 0;
    const started = performance.now();
    // Each worker follows one request's flow in order; 16 workers interleave different requests.
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < flows.length; i = next++) {
          for (const d of flows[i]!) {
            const t0 = performance.now();
            const res = await fetch(`${url}/api/webhooks/${d.source}`, {
              method: "POST",
              headers: { authorization: `Bearer ${SECRET}`, "content-type": d.contentType },
              body: d.body,
            });
            await res.arrayBuffer();
            latencies.push(performance.now() - t0);
            if (res.status !== 200) failures.push(`${d.source} ${res.status}`);
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const latency = summary(latencies);

    const sql = postgres(databaseUrl, { max: 1 });
    const [stages] = await sql`select count(*)::int as n, count(*) filter (where stage = 'available')::int as available from requests`;
    const [deliveries] = await sql`select count(*)::int as n, count(*) filter (where status <> 'applied')::int as other from webhook_deliveries`;
    const [timeline] = await sql`select count(*)::int as n from timeline_events`;
    await sql.end();

    const report = {
      machine: `${cpus().length} cores`,
      requests: REQUESTS,
      webhooks: total,
      concurrency: CONCURRENCY,
      seconds: Number(seconds.toFixed(2)),
      throughputPerSecond: Math.round(total / seconds),
      latencyMs: { p50: +latency.p50.toFixed(1), p95: +latency.p95.toFixed(1), p99: +latency.p99.toFixed(1), max: +latency.max.toFixed(1) },
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      verify: {
        non200: failures.length,
        requests: stages?.n,
        available: stages?.available,
        deliveriesStored: deliveries?.n,
        deliveriesNotApplied: deliveries?.other,
        timelineRows: timeline?.n,
      },
    };
    console.log(JSON.stringify(report, null, 2));
    const l = report.latencyMs;
    const v = report.verify;
    writeSubsection(
      "docs/benchmarks.md",
      "Ingest",
      INTRO,
      "Postgres",
      [
        `Machine: ${cpus().length} cores (${cpus()[0]?.model.split(" ").slice(0, 2).join(" ")}), Node ${process.version}, load average at start ${loadAtStart}; the load generator runs on the same cores.`,
        "",
        "| measure | result | target |",
        "|---|---|---|",
        `| webhooks (requests × full flows) at concurrency ${CONCURRENCY} | ${total} (${REQUESTS} requests) | |`,
        `| throughput | ${report.throughputPerSecond} webhooks/s | ≥ 500/s |`,
        `| latency p50 / p95 / p99 / max | ${l.p50} / ${l.p95} / ${l.p99} / ${l.max} ms | p99 < 50 ms |`,
        `| server peak RSS | ${report.peakRssMb} MB | |`,
        `| verified: non-200 / requests available / deliveries stored, not applied / timeline rows | ${v.non200} / ${v.available} of ${v.requests} / ${v.deliveriesStored}, ${v.deliveriesNotApplied} / ${v.timelineRows} | 0 / all / all, 0 / one per delivery |`,
      ].join("\n"),
    );
    const ok =
      failures.length === 0 &&
      stages?.n === REQUESTS &&
      stages?.available === REQUESTS &&
      deliveries?.n === total &&
      deliveries?.other === 0 &&
      timeline?.n === total;
    if (!ok) {
      console.error("VERIFY FAILED", failures.slice(0, 10));
      process.exitCode = 1;
    }
  } finally {
    clearInterval(sampler);
    await server?.stop();
    if (!process.env.BENCH_KEEP) await db.drop();
  }
}

void main();
