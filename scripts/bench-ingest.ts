/**
 * npm run bench:ingest — a realistic mixed webhook stream (many requests × full flows) at concurrency 16
 * against `next start` on Postgres. Prints throughput, latency percentiles, CPU per delivery and peak RSS, then
 * verifies the final state: every request available, every delivery applied once. In the same run, the same
 * stream is sent to two floors: a plain Node HTTP server doing the JSON work in memory, and a no-op route of the
 * same `next start` (a webhook source that does not exist: the webhook path's routing and a 404, nothing else).
 *
 * Env: BENCH_DATABASE_URL (a Postgres server to create a fresh database on; default local; `embedded`: the app's
 *        own embedded PostgreSQL on a fresh data directory, as `npm start` runs without DATABASE_URL),
 *      BENCH_REQUESTS (default 600), BENCH_CONCURRENCY (default 16),
 *      BENCH_LIBRARY (default 0: requests already in the database before the stream, a household's library),
 *      BENCH_BEFORE_DIR (another built checkout, measured the same way in the same run),
 *      BENCH_ROUNDS (default 1: measure everything that many times, "before" and "now" in alternating order, and
 *        report each figure's median with every round's throughput and p99: one run on a shared 2-core machine
 *        moves by ±15 % from minute to minute),
 *      BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": profile the app under load).
 */
import { freshDatabase } from "./lib/fresh-database";
import {
  type AppRun,
  type Driven,
  type Figures,
  type ThreadTimes,
  figures,
  fmtCpu,
  fmtLatency,
  fmtThread,
  medianFigures,
  medianRun,
  type Verify,
} from "./lib/ingest-figures";
import { type Delivery, flow } from "./lib/ingest-flows";
import { keepAlivePoster } from "./lib/http-post";
import { connectPostgres } from "./lib/pg";
import { processCpuMs, startPlainIngestServer, threadSchedMs } from "./lib/plain-ingest-server";
import { seedRequests, SEEDED_TITLE_KEY_PREFIX } from "./lib/seed";
import { processTree, startServer, treeRss } from "./lib/server";
import { readFileSync } from "node:fs";
import path from "node:path";
import { writeSubsection } from "./lib/bench-doc";
import { cpus, loadavg } from "node:os";

const DATABASE_SETTING = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** The server fresh databases are made on; undefined: the embedded PostgreSQL the app starts itself. */
const SERVER = DATABASE_SETTING === "embedded" ? undefined : DATABASE_SETTING;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const LIBRARY = Number(process.env.BENCH_LIBRARY ?? 0);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
const SECRET = "bench-secret";

const INTRO = [
  "`npm run bench:ingest` (scripts/bench-ingest.ts): a fresh database on a PostgreSQL server (`BENCH_DATABASE_URL`,",
  "by default the local one) or, with `BENCH_DATABASE_URL=embedded`, the app's own embedded PostgreSQL on a fresh data",
  "directory; one `next start`, and a mixed stream of",
  "full flows — 60 % movies (Jellyseerr pending + approved, Radarr grab, qBittorrent finished, Radarr import, Jellyfin",
  "ItemAdded) and 40 % tv (Jellyseerr, a six-episode pack plus a straggler: two grabs, two finished calls, an import-complete,",
  "a per-file import, seven ItemAdded) — each request's deliveries in order, 16 requests at a time, every request with its",
  "own ids, titles and Jellyfin items, posted through a keep-alive node:http agent. It then checks that",
  "every request reached its end (a series is complete only with Sonarr's episode list, and the benchmark has no Sonarr: its",
  "end is every episode in Jellyfin) and every delivery was applied exactly once. Before the clock starts, 32 flows of",
  "their own warm the app up (counted in the checks). The same stream goes, in the same run, to two",
  "floors: a plain Node HTTP server doing the JSON work in memory (secret check, parse, hash, dedupe, answer) and a no-op",
  "route of the same `next start` (`/api/webhooks/<unknown>`: the webhook path's routing and a 404 answer, nothing else;",
  "webhooks are answered at the HTTP server ahead of Next, lib/ingest/node-webhooks.ts, so this floor no longer includes",
  "Next's request machinery). CPU per delivery is the process's user + system time over the run divided by the deliveries;",
  "on the embedded database it counts the whole PostgreSQL server and peak RSS is the whole process tree's. The",
  "server's JavaScript thread row is its share of the run's wall time on a CPU and runnable but waiting for one",
  "(/proc/<pid>/schedstat): the app's work is done on that one thread, so its wait is time the app had work and no CPU.",
  "`BENCH_ROUNDS=<n>` measures everything n times and reports medians; `BENCH_LIBRARY=<n>` seeds n finished or",
  "waiting requests first (a household's library; the checks leave them out).",
].join("\n");

/** Runs `work` and measures the server's main thread over it: time on a CPU and time waiting for one. */
async function withThreadTimes<T>(pid: number, work: () => Promise<T>): Promise<[T, ThreadTimes]> {
  const start = threadSchedMs(pid);
  const result = await work();
  const end = threadSchedMs(pid);
  return [result, { runMs: end.runMs - start.runMs, waitMs: end.waitMs - start.waitMs }];
}

/** Sends every flow's deliveries in order, CONCURRENCY flows at a time; `expect` is the status each should get. */
async function drive(flows: Delivery[][], urlOf: (d: Delivery) => string, expect: number): Promise<Driven> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const poster = keepAlivePoster(CONCURRENCY);
  const started = performance.now();
  // Each worker follows one request's flow in order; 16 workers interleave different requests.
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < flows.length; i = next++) {
        for (const d of flows[i] ?? []) {
          const t0 = performance.now();
          const res = await poster.post(urlOf(d), { authorization: `Bearer ${SECRET}`, "content-type": d.contentType }, d.body);
          latencies.push(performance.now() - t0);
          if (res.status !== expect) failures.push(`${d.source} ${res.status}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  poster.close();
  return { seconds, latencies, failures };
}

const clientCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * CPU time so far of the database's backends (the app's pool) on a server, read from /proc: the server runs on this
 * machine. The embedded one is the app's child: all of it counts, its background processes too.
 */
async function databaseCpuMs(appPid: number, database: { adminUrl: string; name: string } | null): Promise<number> {
  if (!database) return processTree(appPid).reduce((sum, p) => (p === appPid ? sum : sum + processCpuMs(p)), 0);
  const sql = connectPostgres(database.adminUrl, { max: 1 });
  try {
    const rows = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database.name} and pid <> pg_backend_pid()`;
    return rows.reduce((sum, r) => sum + processCpuMs(r.pid), 0);
  } finally {
    await sql.end();
  }
}

/** The running embedded server of a data directory, through its loopback port (postmaster.pid's fourth line). */
function embeddedUrl(dir: string): string {
  const password = readFileSync(path.join(dir, "status-tracker.password"), "utf8").trim();
  const port = readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[3]?.trim();
  return `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
}

/** One built checkout: its no-op route, then the real stream on a fresh database, then the checks. */
async function measureApp(dir: string, flows: Delivery[][], total: number, warmUp: Delivery[][]): Promise<AppRun> {
  const db = await freshDatabase(SERVER, "st_bench_ingest");
  const onServer = SERVER && db.env.DATABASE_URL ? { adminUrl: SERVER, name: new URL(db.env.DATABASE_URL).pathname.slice(1) } : null;
  const warmUpTotal = warmUp.reduce((sum, f) => sum + f.length, 0);
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let sampler: NodeJS.Timeout | undefined;
  try {
    if (LIBRARY > 0) await seedRequests(db.env, LIBRARY, dir);
    server = await startServer({ ...db.env, WEBHOOK_SECRET: SECRET, LOG_LEVEL: "warn" }, dir);
    const { url } = server;
    const pid = server.process.pid ?? 0;
    let peakRss = treeRss(pid);
    sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss(pid))), 100);

    // Warm-up, not measured: flows of their own (counted in the checks below), so the route's modules are loaded,
    // the code is compiled and each pooled connection has prepared its statements before the clock starts.
    await drive(warmUp, (d) => `${url}/api/webhooks/${d.source}`, 200);

    // The no-op route first: it leaves nothing behind.
    let server0 = processCpuMs(pid);
    let client0 = clientCpuMs();
    const [noopRun, noopThread] = await withThreadTimes(pid, () => drive(flows, () => `${url}/api/webhooks/noop`, 404));
    const noop = figures(noopRun, total, processCpuMs(pid) - server0, clientCpuMs() - client0, null, 404, noopThread);

    server0 = processCpuMs(pid);
    client0 = clientCpuMs();
    const database0 = await databaseCpuMs(pid, onServer);
    const [run, thread] = await withThreadTimes(pid, () => drive(flows, (d) => `${url}/api/webhooks/${d.source}`, 200));
    const serverCpu = processCpuMs(pid) - server0;
    const clientCpu = clientCpuMs() - client0;
    const databaseCpu = (await databaseCpuMs(pid, onServer)) - database0;

    const sql = connectPostgres(db.env.DATABASE_URL ?? embeddedUrl(db.env.EMBEDDED_POSTGRES_DIR ?? ""), { max: 1 });
    // A series is complete only with Sonarr's episode list, which needs a Sonarr: without one its end is every
    // episode in Jellyfin (partially_available with all of them available).
    const [stages] = await sql`
      select count(*)::int as n,
        count(*) filter (where stage = 'available' or (media_type = 'tv' and stage = 'partially_available' and not exists (
          select 1 from episodes e where e.request_id = requests.id and e.stage <> 'available')))::int as available
      from requests where title_key not like ${`${SEEDED_TITLE_KEY_PREFIX}%`}`;
    const [deliveries] = await sql`select count(*)::int as n, count(*) filter (where status <> 'applied')::int as other from webhook_deliveries`;
    const [timeline] = await sql`select count(*)::int as n from timeline_events`;
    await sql.end();
    const verify: Verify = {
      requests: stages?.n,
      available: stages?.available,
      deliveriesStored: deliveries?.n,
      deliveriesNotApplied: deliveries?.other,
      timelineRows: timeline?.n,
    };
    const ok =
      run.failures.length === 0 &&
      verify.requests === flows.length + warmUp.length &&
      verify.available === verify.requests &&
      verify.deliveriesStored === total + warmUpTotal &&
      verify.deliveriesNotApplied === 0 &&
      verify.timelineRows === verify.deliveriesStored;
    if (!ok) console.error("VERIFY FAILED", dir, run.failures.slice(0, 10), verify);
    return {
      figures: figures(run, total, serverCpu, clientCpu, databaseCpu, 200, thread),
      noop,
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      verify,
      ok,
    };
  } finally {
    clearInterval(sampler);
    await server?.stop();
    if (!process.env.BENCH_KEEP) await db.drop();
  }
}

async function measurePlain(flows: Delivery[][], total: number): Promise<Figures> {
  const plain = await startPlainIngestServer(SECRET);
  try {
    const server0 = processCpuMs(plain.pid);
    const client0 = clientCpuMs();
    const [run, thread] = await withThreadTimes(plain.pid, () => drive(flows, (d) => `${plain.url}/api/webhooks/${d.source}`, 200));
    return figures(run, total, processCpuMs(plain.pid) - server0, clientCpuMs() - client0, null, 200, thread);
  } finally {
    await plain.stop();
  }
}

async function main() {
  const loadAtStart = loadavg()[0]?.toFixed(2) ?? "?";
  const flows = Array.from({ length: REQUESTS }, (_, i) => flow(i + 1));
  const total = flows.reduce((sum, f) => sum + f.length, 0);
  const beforeDir = process.env.BENCH_BEFORE_DIR;
  const warmUp = Array.from({ length: CONCURRENCY * 2 }, (_, i) => flow(REQUESTS + i + 1));

  const plains: Figures[] = [];
  const befores: AppRun[] = [];
  const nows: AppRun[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    plains.push(await measurePlain(flows, total));
    // Alternating order, so a machine that slows down over a round does not always favour the same build.
    const measureBefore = async () => {
      if (beforeDir) befores.push(await measureApp(beforeDir, flows, total, warmUp));
    };
    const measureNow = async () => void nows.push(await measureApp(process.cwd(), flows, total, warmUp));
    for (const measure of round % 2 === 0 ? [measureBefore, measureNow] : [measureNow, measureBefore]) await measure();
  }
  const plain = medianFigures(plains);
  const before = befores.length > 0 ? medianRun(befores) : null;
  const now = medianRun(nows);
  // Each round's CPU per delivery too: it moves less with the machine's speed than throughput does.
  const cpuOf = ({ cpu }: Figures) => `CPU ${cpu.server} + ${cpu.database ?? "?"} ms`;
  const rounds = (runs: AppRun[]) => runs.map((r) => `${r.figures.throughput}/s, p99 ${r.figures.latency.p99} ms, ${cpuOf(r.figures)}`).join("; ");
  const loadAtEnd = loadavg()[0]?.toFixed(2) ?? "?";

  const report = {
    machine: `${cpus().length} cores`,
    loadAtStart,
    loadAtEnd,
    requests: REQUESTS,
    webhooks: total,
    concurrency: CONCURRENCY,
    rounds: ROUNDS,
    plain,
    before,
    now,
    roundsBefore: rounds(befores),
    roundsNow: rounds(nows),
  };
  console.log(JSON.stringify(report, null, 2));

  // Each build next to its own no-op route, measured minutes apart on a shared machine: the ratio is what compares.
  const runs = before
    ? [
        { name: "before", run: before },
        { name: "now", run: now },
      ]
    : [{ name: "now", run: now }];
  const columns = [...runs.flatMap((r) => [r.name, `floor: no-op route (${r.name})`]), "floor: plain Node server"];
  const cells = (app: (f: Figures) => string, extra: (r: AppRun) => string = () => "") => [
    ...runs.flatMap(({ run }) => [app(run.figures) + extra(run), app(run.noop)]),
    app(plain),
  ];
  const row = (name: string, values: string[], target = "") => `| ${name} | ${values.join(" | ")} | ${target} |`;
  const v = (r: AppRun) =>
    `${r.figures.non200} / ${r.verify.available} of ${r.verify.requests} / ${r.verify.deliveriesStored}, ${r.verify.deliveriesNotApplied} / ${r.verify.timelineRows}`;
  const onlyApps = (value: (r: AppRun) => string) => [...runs.flatMap(({ run }) => [value(run), ""]), ""];
  writeSubsection(
    "docs/benchmarks.md",
    "Ingest",
    INTRO,
    `${SERVER ? "Postgres" : "embedded PostgreSQL"}${LIBRARY > 0 ? `, ${LIBRARY.toLocaleString("en")} requests already in the library` : ""}`,
    [
      `Machine: ${cpus().length} cores (${cpus()[0]?.model.split(" ").slice(0, 2).join(" ")}), Node ${process.version}, load average ${loadAtStart} at start and ${loadAtEnd} at the end; the load generator runs on the same cores. ${total} webhooks (${REQUESTS} requests × full flows) at concurrency ${CONCURRENCY}.`,
      ...(ROUNDS > 1
        ? [
            "",
            `Medians of ${ROUNDS} rounds, each measuring every column${before ? ', "before" and "now" in alternating order' : ""}. Every round: ${before ? `before ${rounds(befores)}; ` : ""}now ${rounds(nows)}.`,
          ]
        : []),
      "",
      `| measure | ${columns.join(" | ")} | target |`,
      `|---|${columns.map(() => "---|").join("")}---|`,
      row(
        "throughput (webhooks/s)",
        cells(
          (f) => String(f.throughput),
          (r) => ` (${Math.round((100 * r.figures.throughput) / r.noop.throughput)} % of its no-op route)`,
        ),
        "≥ 300/s",
      ),
      row("latency p50 / p95 / p99 / max", cells(fmtLatency), "p99 ≤ 100 ms"),
      row("CPU per delivery", cells(fmtCpu)),
      row("server's JavaScript thread over the run: on a CPU / waiting for one", cells(fmtThread)),
      row(
        "server peak RSS",
        onlyApps((r) => `${r.peakRssMb} MB`),
      ),
      row(
        "verified: non-200 / requests available / deliveries stored, not applied / timeline rows",
        onlyApps(v),
        "0 / all / all, 0 / one per delivery",
      ),
    ].join("\n"),
  );
  if (!now.ok || (before && !before.ok)) process.exitCode = 1;
}

void main();
