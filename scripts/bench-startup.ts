/**
 * Start-up: how long `next start` takes to serve its first page (`/login`) and its first database-backed answer
 * (`/api/health`), on a first launch (which initialises the data directory) and on three launches after it on the
 * existing one. The floor is a bare Node HTTP server's first answer, measured the same way in the same run. Writes the
 * "Start-up" section of docs/benchmarks.md.
 *
 *   npm run bench:startup                                          (embedded PostgreSQL; DATABASE_URL = that server)
 *   npm run bench:startup -- --app-dir /tmp/old --label "PGlite (before)"   (an older built checkout, to compare)
 *
 * Uses the current build (`npm run build` first).
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { embeddedDatabaseEnv, firstAnswer, launchApp } from "./lib/app-process";
import { writeSubsection } from "./lib/bench-doc";
import { freshDatabase } from "./lib/fresh-database";
import { freePort } from "./lib/server";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const appDir = path.resolve(arg("app-dir") ?? ".");
const RUNS = Number(arg("runs") ?? 3);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const INTRO = [
  "`npm run bench:startup` (scripts/bench-startup.ts): time from launching `next start` to the first `200` of `/login`",
  "(the first page) and of `/api/health` (the database open and migrated), on a first launch and on launches on the",
  "existing data directory. Target: first page within 3 s on an existing data directory. The floor is a bare Node HTTP",
  "server's first answer, polled the same way (every 20 ms) in the same run.",
].join("\n");

async function launchOnce(env: Record<string, string>): Promise<{ page: number; health: number }> {
  const app = await launchApp(appDir, env);
  try {
    const page = await firstAnswer(`${app.url}/login`, app.launchedAt);
    const health = await firstAnswer(`${app.url}/api/health`, app.launchedAt);
    return { page, health };
  } finally {
    await app.stop();
  }
}

async function nodeFloor(): Promise<number> {
  const port = await freePort();
  const since = performance.now();
  const child = spawn(process.execPath, ["-e", `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`], {
    stdio: "ignore",
  });
  try {
    return await firstAnswer(`http://127.0.0.1:${port}/`, since);
  } finally {
    child.kill();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  const scratch = mkdtempSync(path.join(tmpdir(), "st-start-"));
  chmodSync(scratch, 0o755);
  const database = serverUrl ? await freshDatabase(serverUrl, "st_start") : null;
  const env = database?.env ?? embeddedDatabaseEnv(appDir, scratch);
  const kind = serverUrl ? "PostgreSQL server (DATABASE_URL)" : "PGLITE_DIR" in env ? "PGlite" : "embedded PostgreSQL";
  const label = arg("label") ?? kind;
  const load = loadavg()[0]?.toFixed(2);
  try {
    const first = await launchOnce(env);
    console.log(`first launch: page ${s(first.page)}, database ${s(first.health)}`);
    const again: { page: number; health: number }[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      again.push(await launchOnce(env));
      console.log(`launch ${i + 2}: page ${s(again.at(-1)?.page ?? 0)}, database ${s(again.at(-1)?.health ?? 0)}`);
    }
    const floors: number[] = [];
    for (let i = 0; i < 3; i += 1) floors.push(await nodeFloor());
    const pages = again.map((r) => r.page);
    const healths = again.map((r) => r.health);
    const lines = [
      `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}, load average at start ${load}.`,
      "",
      "| measure | first page (`/login`) | database ready (`/api/health`) | target |",
      "|---|---|---|---|",
      `| first launch (${serverUrl ? "new database" : "initialises the data directory"}) | ${s(first.page)} | ${s(first.health)} | |`,
      `| existing data directory, median of ${RUNS} (min – max) | ${s(median(pages))} (${s(Math.min(...pages))} – ${s(Math.max(...pages))}) | ${s(median(healths))} (${s(Math.min(...healths))} – ${s(Math.max(...healths))}) | first page ≤ 3 s |`,
      `| floor: a bare Node HTTP server's first answer, median of 3 | ${s(median(floors))} | | |`,
    ];
    console.log(lines.join("\n"));
    writeSubsection("docs/benchmarks.md", "Start-up", INTRO, label, lines.join("\n"));
  } finally {
    await database?.drop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
