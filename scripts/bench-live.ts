/**
 * Live portal benchmark: 500 SSE clients opened at once on one `next start`, webhook sent → event at every client,
 * memory per idle client, and `/` time to first byte with 10,000 requests in the database. In the same run, the same
 * clients measure a bare Node SSE server (the floor) and, with BENCH_BEFORE_DIR set to another built checkout of the
 * app (e.g. the previous release), that one too. Writes the "Live portal" section of docs/benchmarks.md.
 *
 *   npm run bench:live                 (DATABASE_URL names the PostgreSQL server to create databases on; unset: the
 *                                       app's embedded PostgreSQL on a fresh data directory, as `npm start` runs)
 *   npm run bench:live -- --no-build   (reuse the current .next build)
 *   BENCH_ROUNDS=<n>                   (measure n times: each round's p99 is listed, the table is the median round's)
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { freshDatabase } from "./lib/fresh-database";
import { seedRequests } from "./lib/seed";
import { connectAll, measureFanout, type FanoutResult } from "./lib/live-phases";
import { memoryAfterGc } from "./lib/inspect";
import { startFloorServer } from "./lib/sse-floor";
import { freePort, treeRss } from "./lib/server";
import { median, ms, summary } from "./lib/stats";
import { writeSubsection } from "./lib/bench-doc";
import { jellyseerr } from "../tests/helpers/payloads";
import { signInOverHttp } from "../tests/helpers/sign-in";

const CLIENTS = 500;
const WEBHOOKS = 40;
/** Updates posted before the clock starts, numbered after the measured ones. */
const WARM_UPDATES = 10;
const AFTER_GC_UPDATES = 3;
const GAP_MS = 100;
const SEEDED = 10_000;
const TTFB_SAMPLES = 200;
const secret = "bench-webhook-secret";
const INTRO = [
  "`npm run bench:live` (scripts/bench-live.ts): 500 SSE clients opened at once on `GET /api/events` of one `next start`",
  "(one signed-in session; on a PostgreSQL server with `DATABASE_URL`, else on the app's embedded PostgreSQL), then 40",
  "Jellyseerr webhooks 100 ms apart, each timed from the moment it is sent to the moment",
  "each client reads its event. The same clients measure, in the same run, a bare Node SSE server (an HMAC cookie check per",
  "connection, one frame per POST written to every client: the floor) and the previous build (`BENCH_BEFORE_DIR`).",
  "Before the clock starts, one client and 10 webhooks warm each server's stream and webhook path (a fresh process's",
  "first webhooks load their code and prepare their statements), and 3 more, received by the 500 clients and not",
  "measured, follow the forced full collections of the memory figures (which let V8 drop the bytecode of idle code).",
  "Targets on 2 cores: all 500 connected within 1 s, sent → received p99 ≤ 50 ms, 0 missed, ≤ 50 kB per idle client.",
  "Memory per idle client is read through the inspector after a full GC, with and without the 500 clients, so garbage",
  "from the connects does not count; `scripts/profile-live-memory.ts` shows where it goes (heap snapshots per object kind).",
].join("\n");
const SUBSECTION = process.env.DATABASE_URL
  ? "500 clients on PostgreSQL: before and now in the same run, and the floor"
  : "500 clients on the embedded PostgreSQL: before and now in the same run, and the floor";
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

type Memory = { rss: number; heapUsed: number; external: number };
type Figures = FanoutResult & {
  /** One-minute load average just before the clients connected. */
  load: number;
  connected: number;
  failures: string[];
  allConnectedMs: number;
  headersP50: number;
  rssBefore: number;
  rssIdle: number;
  /** After a full garbage collection, without clients and with them idle. */
  gcBefore: Memory;
  gcIdle: Memory;
  ttfb: ReturnType<typeof summary> | null;
};

function ttfb(base: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    http
      .get(`${base}/`, { agent: false, headers: { cookie } }, (res) => {
        res.once("data", () => resolve(performance.now() - start));
        res.resume();
      })
      .on("error", reject);
  });
}

/** A server to measure: where its stream is, how to post one update, and how an event names that update. */
type Target = {
  events: string;
  cookie: string;
  pid: number;
  inspectPort: number;
  keyOf: (data: string) => string;
  post: (i: number) => Promise<{ key: string; sent: number; answered: number }>;
  ttfb: ReturnType<typeof summary> | null;
};

/** Warm with one client, then CLIENTS at once: connect time, idle memory and the fan-out of WEBHOOKS updates. */
async function measureClients(target: Target): Promise<Figures> {
  // Warm the stream (and the app's hub) with one client, and the webhook path with a few updates it receives, so the
  // many measure connecting and the fan-out, not first use: a fresh process's first webhooks load and compile their
  // code and prepare their statements on each pooled connection (the first took 100+ ms here, then ~12 ms).
  const warm = await connectAll(target.events, target.cookie, 1, () => {});
  for (let i = 0; i < WARM_UPDATES; i++) await target.post(WEBHOOKS + i);
  await sleep(200);
  for (const c of warm.clients) c.close();
  await sleep(500);
  const rssBefore = treeRss(target.pid);
  const gcBefore = await memoryAfterGc(target.inspectPort);
  const seqToKey = new Map<number, string>();
  const learn = (frame: string) => {
    const id = Number(/^id: (\d+)$/m.exec(frame)?.[1]);
    if (seqToKey.has(id)) return;
    const data = /^data: (.*)$/m.exec(frame)?.[1];
    if (data) seqToKey.set(id, target.keyOf(data));
  };
  const load = loadavg()[0] ?? Number.NaN;
  const connected = await connectAll(target.events, target.cookie, CLIENTS, learn);
  await sleep(1_000);
  const rssIdle = treeRss(target.pid);
  const gcIdle = await memoryAfterGc(target.inspectPort);
  // The forced full collections above let V8 drop the bytecode of code not run lately (the webhook path among it):
  // a few updates, received by every client and not measured, run it again before the clock starts.
  for (let i = 0; i < AFTER_GC_UPDATES; i++) await target.post(WEBHOOKS + WARM_UPDATES + i);
  await sleep(500);
  const fanout = await measureFanout(connected.clients, WEBHOOKS, GAP_MS, target.post, (seq) => seqToKey.get(seq));
  for (const c of connected.clients) c.close();
  return {
    ...fanout,
    load,
    connected: connected.clients.length,
    failures: connected.failures,
    allConnectedMs: connected.allConnectedMs,
    headersP50: connected.headers.p50,
    rssBefore,
    rssIdle,
    gcBefore,
    gcIdle,
    ttfb: target.ttfb,
  };
}

/** One built checkout of the app on a fresh database: connect, idle memory, fan-out, and (seeded) `/` TTFB. */
async function measureApp(dir: string, seeded: boolean): Promise<Figures> {
  const database = await freshDatabase(process.env.DATABASE_URL, "st_bench");
  if (seeded) await seedRequests(database.env, SEEDED);
  const admin = { username: "bench", password: randomBytes(12).toString("hex") };
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...database.env,
    NODE_ENV: "production",
    WEBHOOK_SECRET: secret,
    LOG_LEVEL: "warn",
    ADMIN_USERNAME: admin.username,
    ADMIN_PASSWORD: admin.password,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    AUTH_TRUST_HOST: "true",
  };
  const inspectPort = await freePort();
  const server = spawn(
    process.execPath,
    [`--inspect=127.0.0.1:${inspectPort}`, path.join(dir, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
    {
      cwd: dir,
      env,
      stdio: ["ignore", "ignore", "ignore"],
    },
  );
  try {
    for (let i = 0; i < 240; i++) {
      if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
      await sleep(250);
    }
    const pid = server.pid ?? 0;
    const cookie = (await signInOverHttp(base, admin.username, admin.password)).split(";")[0] ?? "";
    if (!cookie) throw new Error("the benchmark could not sign in");
    for (let i = 0; i < 20; i++) await ttfb(base, cookie);
    let page: ReturnType<typeof summary> | null = null;
    if (seeded) {
      const samples: number[] = [];
      for (let i = 0; i < TTFB_SAMPLES; i++) samples.push(await ttfb(base, cookie));
      page = summary(samples);
    }
    return await measureClients({
      events: `${base}/api/events`,
      cookie,
      pid,
      inspectPort,
      keyOf: (data) => String((JSON.parse(data) as { request: { jellyseerrRequestId: number } | null }).request?.jellyseerrRequestId ?? -1),
      post: async (i) => {
        const id = 9_000_000 + i;
        const body = jellyseerr("MEDIA_PENDING", { requestId: id, tmdbId: 3_000_000 + id, subject: `Bench movie ${id} (2024)` });
        const sent = performance.now();
        const res = await fetch(`${base}/api/webhooks/jellyseerr`, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`webhook ${res.status}: ${text}`);
        return { key: String(id), sent, answered: performance.now() };
      },
      ttfb: page,
    });
  } finally {
    // A graceful stop waits for open streams, which never end: a few seconds, then it is killed.
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    const kill = setTimeout(() => server.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(kill);
    await database.drop();
  }
}

async function measureFloor(): Promise<Figures> {
  const floor = await startFloorServer();
  try {
    return await measureClients({
      events: `${floor.url}/events`,
      cookie: floor.cookie,
      pid: floor.pid,
      inspectPort: floor.inspectPort,
      keyOf: (data) => String((JSON.parse(data) as { request: { key: number } }).request.key),
      post: async (i) => {
        const sent = performance.now();
        const res = await fetch(`${floor.url}/notify`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ key: i }),
        });
        await res.text();
        return { key: String(i), sent, answered: performance.now() };
      },
      ttfb: null,
    });
  } finally {
    await floor.stop();
  }
}

function row(label: string, cell: (f: Figures) => string, runs: (Figures | null)[], target: string): string {
  return `| ${label} | ${runs.map((f) => (f ? cell(f) : "—")).join(" | ")} | ${target} |`;
}

/** One round: the previous build (with BENCH_BEFORE_DIR), the floor right before the app, then the app. */
type Round = [before: Figures | null, now: Figures, floor: Figures];

async function measureRound(beforeDir: string | undefined): Promise<Round> {
  console.log("before…");
  const before = beforeDir
    ? await measureApp(path.resolve(beforeDir), false).catch((error: unknown) => {
        console.error("the previous build could not be measured:", error);
        return null;
      })
    : null;
  // The floor right before the app, so both see about the same load on a shared machine.
  console.log("floor…");
  const floor = await measureFloor();
  console.log("now…");
  const now = await measureApp(process.cwd(), true);
  return [before, now, floor];
}

/** With several rounds, each round's p99 (and connect time): one round's tail is one slow update of forty. */
function roundsLines(rounds: Round[]): string[] {
  if (rounds.length < 2) return [];
  const p99 = (f: Figures | null | undefined) => (f ? ms(f.latency.p99) : "—");
  const slowest = ({ slowest: s }: Figures) => `slowest event at its first / last client ${ms(s.first)} / ${ms(s.last)}`;
  const each = rounds.map(
    (r, i) => `${i + 1}: ${p99(r[0])} / ${p99(r[1])} / ${p99(r[2])}, all connected ${ms(r[1].allConnectedMs)}, ${slowest(r[1])}`,
  );
  const nows = rounds.map((r) => r[1]);
  const met = nows.filter((f) => f.latency.p99 <= 50 && f.missed === 0 && f.allConnectedMs <= 1000).length;
  const medianOf = (i: 0 | 1 | 2) => {
    const p99s = rounds.flatMap((r) => (r[i] ? [r[i].latency.p99] : []));
    return p99s.length > 0 ? ms(median(p99s)) : "—";
  };
  return [
    `${rounds.length} rounds; the table is the median round's (by "now" p99). Sent → received p99 before / now / floor in every round, and for "now" the event that reached its last client latest: ${each.join("; ")}.`,
    `Median p99: before ${medianOf(0)}, now ${medianOf(1)}, floor ${medianOf(2)}; "now" met the latency, missed and connect targets in ${met} of ${nows.length} rounds.`,
    "",
  ];
}

async function main() {
  if (!process.argv.includes("--no-build")) execFileSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });
  const load = loadavg()[0]?.toFixed(2) ?? "?";
  const rounds: Round[] = [];
  for (let i = 0; i < Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1)); i++) rounds.push(await measureRound(process.env.BENCH_BEFORE_DIR));
  const chosen = [...rounds].sort((a, b) => a[1].latency.p99 - b[1].latency.p99)[Math.floor((rounds.length - 1) / 2)];
  if (!chosen) throw new Error("no round was measured");
  const [before, now, floor] = chosen;
  const runs = [before, now, floor];
  const loadAtEnd = loadavg()[0]?.toFixed(2) ?? "?";
  const kB = (bytes: number, f: Figures) => `${(bytes / Math.max(1, f.connected) / 1024).toFixed(1)} kB`;
  const perClient = (f: Figures) =>
    `${kB(f.gcIdle.rss - f.gcBefore.rss, f)} / ${kB(f.gcIdle.heapUsed + f.gcIdle.external - f.gcBefore.heapUsed - f.gcBefore.external, f)}`;
  const lines = [
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}, ${process.env.DATABASE_URL ? "PostgreSQL server" : "embedded PostgreSQL"}; load average ${load} at start, ${loadAtEnd} at end (other work shared the machine); the load generator runs on the same cores.`,
    "",
    ...roundsLines(rounds),
    "| measure | before | now | floor: bare Node SSE server | target |",
    "|---|---|---|---|---|",
    row("machine load average (1 min) as the clients connected", (f) => f.load.toFixed(2), runs, ""),
    row(
      `clients that got a stream, of ${CLIENTS} opened at once`,
      (f) => `${f.connected}${f.failures.length > 0 ? ` (refused: ${f.failures.join(", ")})` : ""}`,
      runs,
      `${CLIENTS}`,
    ),
    row(`all connected (first request → last response headers)`, (f) => ms(f.allConnectedMs), runs, "≤ 1 s"),
    row("response headers p50", (f) => ms(f.headersP50), runs, ""),
    row(
      "webhook sent → event at each client p50 / p95 / p99 / max",
      (f) => `${ms(f.latency.p50)} / ${ms(f.latency.p95)} / ${ms(f.latency.p99)} / ${ms(f.latency.max)}`,
      runs,
      "p99 ≤ 50 ms",
    ),
    row(
      "webhook answered → event at each client p50 / p95 / p99 / max (0 when the event came first)",
      (f) => `${ms(f.afterAnswer.p50)} / ${ms(f.afterAnswer.p95)} / ${ms(f.afterAnswer.p99)} / ${ms(f.afterAnswer.max)}`,
      runs,
      "",
    ),
    row("deliveries measured / missed", (f) => `${f.latency.n} / ${f.missed}`, runs, "0 missed"),
    row(`server RSS before clients / with ${CLIENTS} idle clients`, (f) => `${mb(f.rssBefore)} / ${mb(f.rssIdle)}`, runs, ""),
    row("memory per idle client after a full GC: RSS / JS heap + external", perClient, runs, "≤ 50 kB"),
    row("memory per idle client without a GC: RSS difference", (f) => kB(f.rssIdle - f.rssBefore, f), runs, ""),
    row(
      `\`/\` TTFB p50 / p95 (${SEEDED.toLocaleString("en")} requests, ${TTFB_SAMPLES} sequential GETs)`,
      (f) => (f.ttfb ? `${ms(f.ttfb.p50)} / ${ms(f.ttfb.p95)}` : "—"),
      runs,
      "p95 < 150 ms",
    ),
    "",
    "The database is read once per batch of timeline rows, whatever the number of clients (three queries sent together after the read of the new rows): each event is encoded once and the same bytes are written to every client.",
  ];
  console.log(lines.join("\n"));
  writeSubsection("docs/benchmarks.md", "Live portal", INTRO, SUBSECTION, lines.join("\n"));
}

await main();
