/**
 * Memory of the app and its database: one `next start` on a fresh database, signed-in use (portal pages, a few
 * webhooks), then idle, then with 100 SSE clients on `/api/events`. Sums RSS and PSS over the app's whole process
 * tree — with the embedded database that includes the PostgreSQL server and its backends; with DATABASE_URL the
 * server is shared and outside the tree. Writes the "Memory" section of docs/benchmarks.md.
 *
 *   npm run bench:memory                                  (embedded PostgreSQL; DATABASE_URL set = that server)
 *   npm run bench:memory -- --app-dir /tmp/old --label "PGlite (before)"   (an older built checkout, to compare)
 *   npm run bench:memory -- --node-options "--max-semi-space-size=1" --label "…"
 *
 * Uses the current build (`npm run build` first).
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { startCluster } from "../db/embedded/cluster";
import { jellyseerr } from "../tests/helpers/payloads";
import { signInOverHttp } from "../tests/helpers/sign-in";
import { benchAdmin, benchSecret, embeddedDatabaseEnv, firstAnswer, launchApp } from "./lib/app-process";
import { writeSubsection } from "./lib/bench-doc";
import { freshDatabase } from "./lib/fresh-database";
import { treeMemory, type TreeMemory } from "./lib/memory";
import { SseClient } from "./lib/sse-clients";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const appDir = path.resolve(arg("app-dir") ?? ".");
const nodeOptions = arg("node-options") ?? "";
const CLIENTS = Number(arg("clients") ?? 100);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (m: TreeMemory) => `${m.aloneMb.toFixed(0)} MB | ${m.rssMb.toFixed(0)} MB / ${m.pssMb.toFixed(0)} MB`;

const INTRO = [
  "`npm run bench:memory` (scripts/bench-memory.ts): one `next start` on a fresh database, signed in, the portal rendered",
  "and 10 webhooks ingested, then measured idle (after 5 s) and with 100 SSE clients on `/api/events` (10 more webhooks",
  "fanned out to them), over the app's whole process tree: with the embedded database that includes the PostgreSQL",
  "server and its backends; with `DATABASE_URL` the server is shared and not counted. “Resident” is what the tree holds",
  "by itself: each process's private pages plus, per program, the shared pages once (a PostgreSQL backend maps the same",
  "shared buffers and binary as the postmaster). The plain RSS sum counts those shared pages once per process, so it",
  "overstates; the PSS sum splits shared pages with every process on the machine mapping them (other Node and PostgreSQL",
  "processes from the same files), so on a busy machine it understates. Target for the embedded default: ≤ 250 MB idle,",
  "≤ 300 MB with 100 clients. The floors are measured in the same run: a bare Node HTTP server, and the embedded",
  "PostgreSQL alone.",
].join("\n");

async function post(base: string, requestId: number): Promise<void> {
  const body = jellyseerr("MEDIA_PENDING", { requestId, tmdbId: 4_000_000 + requestId, subject: `Memory bench ${requestId} (2024)` });
  const res = await fetch(`${base}/api/webhooks/jellyseerr`, {
    method: "POST",
    headers: { authorization: `Bearer ${benchSecret}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}

/** Floors: a Node HTTP server doing nothing, and an idle embedded PostgreSQL with no client. */
async function floors(): Promise<{ node: TreeMemory; postgres: TreeMemory }> {
  const { spawn } = await import("node:child_process");
  const node = spawn(process.execPath, ["-e", "require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1')"], {
    stdio: "ignore",
  });
  await sleep(1500);
  const nodeMemory = treeMemory(node.pid ?? 0);
  node.kill();
  const dir = mkdtempSync(path.join(tmpdir(), "st-mem-floor-"));
  chmodSync(dir, 0o755);
  const cluster = await startCluster({
    dir: path.join(dir, "postgres"),
    user: process.env.EMBEDDED_POSTGRES_USER || "status-tracker-pg",
    noSync: true,
  });
  await sleep(2000);
  const postgres = treeMemory(cluster.pid);
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
  return { node: nodeMemory, postgres };
}

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  const scratch = mkdtempSync(path.join(tmpdir(), "st-mem-"));
  chmodSync(scratch, 0o755);
  const database = serverUrl ? await freshDatabase(serverUrl, "st_mem") : null;
  const dbEnv = database?.env ?? embeddedDatabaseEnv(appDir, scratch);
  const kind = serverUrl ? "PostgreSQL server (DATABASE_URL)" : "PGLITE_DIR" in dbEnv ? "PGlite" : "embedded PostgreSQL";
  const label = arg("label") ?? kind;
  const load = loadavg()[0]?.toFixed(2);
  const app = await launchApp(appDir, dbEnv, nodeOptions);
  const pid = app.child.pid ?? 0;
  const clients: SseClient[] = [];
  try {
    await firstAnswer(`${app.url}/api/health`, app.launchedAt);
    const cookie = (await signInOverHttp(app.url, benchAdmin.username, benchAdmin.password)).split(";")[0] ?? "";
    if (!cookie) throw new Error("could not sign in");
    for (let i = 0; i < 10; i += 1) await post(app.url, 100 + i);
    for (let i = 0; i < 5; i += 1) await firstAnswer(`${app.url}/`, performance.now(), 200, 30_000, { cookie });
    await sleep(5000);
    const idle = treeMemory(pid);
    console.log(`idle: ${mb(idle)} over ${idle.processes} processes`);

    for (let i = 0; i < CLIENTS; i += 1) clients.push(new SseClient(`${app.url}/api/events`, () => {}, cookie));
    for (let i = 0; i < clients.length; i += 25) await Promise.all(clients.slice(i, i + 25).map((c) => c.open()));
    for (let i = 0; i < 10; i += 1) {
      await post(app.url, 200 + i);
      await sleep(100);
    }
    await sleep(3000);
    const busy = treeMemory(pid);
    const received = clients.reduce((n, c) => n + c.receipts.length, 0);
    console.log(`${CLIENTS} clients: ${mb(busy)} over ${busy.processes} processes; ${received} events received`);
    for (const c of clients) c.close();

    const floor = await floors();
    const lines = [
      `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}, load average at start ${load}.` +
        (nodeOptions ? ` App started with NODE_OPTIONS="${nodeOptions}".` : ""),
      "",
      "| measure (whole process tree) | resident | RSS sum / PSS sum | target (resident) |",
      "|---|---|---|---|",
      `| idle, after use (${idle.processes} processes) | ${mb(idle)} | ≤ 250 MB |`,
      `| with ${CLIENTS} SSE clients (${busy.processes} processes; ${received} events delivered) | ${mb(busy)} | ≤ 300 MB |`,
      `| floor: a bare Node HTTP server | ${mb(floor.node)} | |`,
      `| floor: the embedded PostgreSQL alone, idle (${floor.postgres.processes} processes) | ${mb(floor.postgres)} | |`,
    ];
    console.log(lines.join("\n"));
    writeSubsection("docs/benchmarks.md", "Memory", INTRO, label, lines.join("\n"));
  } finally {
    for (const c of clients) c.close();
    await app.stop();
    await database?.drop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
