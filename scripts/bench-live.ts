/**
 * Live portal benchmark: 500 SSE clients on one `next start`, webhook → client delivery latency, server
 * RSS, and `/` time to first byte with 10,000 requests in the database. Writes the "Live portal"
 * section of docs/benchmarks.md.
 *
 *   npm run bench:live                 (the embedded PostgreSQL, or the server named by DATABASE_URL)
 *   npm run bench:live -- --no-build   (reuse the current .next build)
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { cpus } from "node:os";
import { freshDatabase } from "./lib/fresh-database";
import { seedRequests } from "./lib/seed";
import { SseClient } from "./lib/sse-clients";
import { ms, summary } from "./lib/stats";
import { writeSubsection } from "./lib/bench-doc";
import { jellyseerr } from "../tests/helpers/payloads";
import { signInOverHttp } from "../tests/helpers/sign-in";

const CLIENTS = 500;
const WEBHOOKS = 40;
const SEEDED = 10_000;
const TTFB_SAMPLES = 200;
const secret = "bench-webhook-secret";
// The portal is for signed-in members: the benchmark's clients use one local admin session.
const admin = { username: "bench", password: randomBytes(12).toString("hex") };
let cookie = "";
const port = 4600 + Math.floor(Math.random() * 300);
const base = `http://127.0.0.1:${port}`;
const INTRO = [
  "`npm run bench:live` (scripts/bench-live.ts): one `next start`, 500 concurrent SSE clients on `GET /api/events`,",
  "40 Jellyseerr webhooks 100 ms apart, and `/` with 10,000 requests seeded. Targets on 2 cores: delivery p99 < 100 ms,",
  "zero missed events, server RSS < 400 MB, `/` TTFB p95 < 150 ms. Run it again with and without `DATABASE_URL` to refresh",
  "the two tables below. The RSS row counts the app and its direct children only; `npm run bench:memory` measures the",
  "whole process tree, embedded database included.",
].join("\n");
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

function rssMb(pid: number): number {
  const out = execFileSync("ps", ["-o", "rss=", "-p", String(pid), "--ppid", String(pid)], { encoding: "utf8" });
  return out.split("\n").map(Number).filter((n) => n > 0).reduce((a, b) => a + b, 0) / 1024;
}

function ttfb(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    http.get(`${base}${path}`, { agent: false, headers: { cookie } }, (res) => {
      res.once("data", () => resolve(performance.now() - start));
      res.resume();
    }).on("error", reject);
  });
}

/** Returns when the request was sent and when its response had been read. */
async function postJellyseerr(requestId: number): Promise<{ sent: number; answered: number }> {
  const body = jellyseerr("MEDIA_PENDING", { requestId, tmdbId: 3_000_000 + requestId, subject: `Bench movie ${requestId} (2024)` });
  const sent = performance.now();
  const res = await fetch(`${base}/api/webhooks/jellyseerr`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`webhook ${res.status}: ${text}`);
  return { sent, answered: performance.now() };
}

async function main() {
  if (!process.argv.includes("--no-build")) execFileSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });
  const database = await freshDatabase(process.env.DATABASE_URL, "st_bench");
  const driver = database.env.DATABASE_URL ? "postgres" : "embedded";
  console.log(`seeding ${SEEDED} requests (${driver})…`);
  await seedRequests(database.env, SEEDED);

  const env: NodeJS.ProcessEnv = { ...process.env, ...database.env, NODE_ENV: "production", WEBHOOK_SECRET: secret, LOG_LEVEL: "warn",
    ADMIN_USERNAME: admin.username, ADMIN_PASSWORD: admin.password, AUTH_SECRET: randomBytes(32).toString("hex") };
  if (driver === "embedded") delete env.DATABASE_URL;
  const server = spawn("node_modules/.bin/next", ["start", "-p", String(port)], { env, stdio: ["ignore", "ignore", "inherit"] });
  try {
    for (let i = 0; i < 120; i++) {
      if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
      await sleep(500);
    }
    const serverPid = server.pid ?? 0;
    cookie = (await signInOverHttp(base, admin.username, admin.password)).split(";")[0] ?? "";
    if (!cookie) throw new Error("the benchmark could not sign in");

    for (let i = 0; i < 20; i++) await ttfb("/");
    const ttfbs: number[] = [];
    for (let i = 0; i < TTFB_SAMPLES; i++) ttfbs.push(await ttfb("/"));
    const page = summary(ttfbs);
    console.log(`/ TTFB p50 ${ms(page.p50)} p95 ${ms(page.p95)}`);

    const rssBefore = rssMb(serverPid);
    const seqToRequest = new Map<number, number>();
    const learn = (frame: string) => {
      const id = Number(/^id: (\d+)$/m.exec(frame)?.[1]);
      if (seqToRequest.has(id)) return;
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (data) seqToRequest.set(id, (JSON.parse(data) as { request: { jellyseerrRequestId: number } | null }).request?.jellyseerrRequestId ?? -1);
    };
    const clients = Array.from({ length: CLIENTS }, () => new SseClient(`${base}/api/events`, learn, cookie));
    for (let i = 0; i < clients.length; i += 50) await Promise.all(clients.slice(i, i + 50).map((c) => c.open()));
    await sleep(1_000);
    const rssIdle = rssMb(serverPid);
    console.log(`${CLIENTS} clients connected, server RSS ${rssIdle.toFixed(0)} MB`);

    const responded = new Map<number, { sent: number; answered: number }>();
    let rssPeak = rssIdle;
    for (let i = 0; i < WEBHOOKS; i++) {
      const jsId = 9_000_000 + i;
      responded.set(jsId, await postJellyseerr(jsId));
      await sleep(100);
      if (i % 10 === 0) rssPeak = Math.max(rssPeak, rssMb(serverPid));
    }
    await sleep(3_000);
    rssPeak = Math.max(rssPeak, rssMb(serverPid));

    const latencies: number[] = [];
    const endToEnd: number[] = [];
    let missed = 0;
    const expectedSeqs = [...seqToRequest.keys()];
    for (const client of clients) {
      const got = new Map(client.receipts.map((r) => [r.seq, r.at]));
      for (const seq of expectedSeqs) {
        const at = got.get(seq);
        if (at === undefined) {
          missed += 1;
          continue;
        }
        const sent = responded.get(seqToRequest.get(seq) ?? -1);
        if (sent === undefined) continue;
        latencies.push(Math.max(0, at - sent.answered));
        endToEnd.push(at - sent.sent);
      }
    }
    for (const c of clients) c.close();
    const delivery = summary(latencies);
    const whole = summary(endToEnd);
    const events = expectedSeqs.length;
    const lines = [
      `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}, database ${driver}; the load generator runs on the same cores.`,
      "",
      "| measure | result | target |",
      "|---|---|---|",
      `| SSE clients on one \`next start\` | ${CLIENTS} | 500 |`,
      `| webhooks posted (100 ms apart) / timeline events | ${WEBHOOKS} / ${events} | |`,
      `| delivery latency p50 / p95 / p99 / max (webhook response → client) | ${ms(delivery.p50)} / ${ms(delivery.p95)} / ${ms(delivery.p99)} / ${ms(delivery.max)} | p99 < 100 ms |`,
      `| webhook sent → client (ingest + NOTIFY + fan-out) p50 / p95 / p99 / max | ${ms(whole.p50)} / ${ms(whole.p95)} / ${ms(whole.p99)} / ${ms(whole.max)} | |`,
      `| deliveries measured / missed | ${delivery.n} / ${missed} | 0 missed |`,
      `| server RSS before clients / with ${CLIENTS} clients / peak | ${rssBefore.toFixed(0)} MB / ${rssIdle.toFixed(0)} MB / ${rssPeak.toFixed(0)} MB | < 400 MB |`,
      `| \`/\` TTFB p50 / p95 (${SEEDED.toLocaleString("en")} requests in the database, ${TTFB_SAMPLES} sequential GETs) | ${ms(page.p50)} / ${ms(page.p95)} | p95 < 150 ms |`,
      "",
      "Latency is counted from the moment the webhook's 200 response is read to the moment the event's `id:` line is read by each client (most events arrive before the response is read: NOTIFY fires at commit, before the handler answers; those count as 0), so the “webhook sent → client” row is the more telling figure. `/` renders the 100 most recently updated active requests; filters reach the rest.",
    ];
    console.log(lines.join("\n"));
    writeSubsection("docs/benchmarks.md", "Live portal", INTRO, driver === "postgres" ? "Postgres" : "Embedded PostgreSQL (default)", lines.join("\n"));
    if (events !== WEBHOOKS) console.warn(`expected ${WEBHOOKS} events, saw ${events}`);
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await database.drop();
  }
}

await main();
