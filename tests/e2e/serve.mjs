// Starts the app for end-to-end tests: a fresh database, a production build, then `next start`.
// With DATABASE_URL set a new database is created on that server (and dropped on exit); otherwise the app starts
// its embedded PostgreSQL on a new temporary data directory.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";

const next = path.join(process.cwd(), "node_modules/next/dist/bin/next");
const env = { ...process.env };
let cleanup = async () => {};

if (env.DATABASE_URL) {
  const server = env.DATABASE_URL;
  const name = `st_e2e_${randomBytes(5).toString("hex")}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  cleanup = async () => {
    const dropper = postgres(server, { max: 1, onnotice: () => {} });
    await dropper.unsafe(`drop database if exists ${name} with (force)`);
    await dropper.end();
  };
} else {
  const dir = mkdtempSync(path.join(tmpdir(), "status-tracker-e2e-"));
  chmodSync(dir, 0o755); // run as root, the server's own account must be able to enter it
  env.EMBEDDED_POSTGRES_DIR = path.join(dir, "postgres");
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

// Built to be served, not checked: `npm run typecheck` is the type check (.ci/run runs it before the tests).
const build = spawnSync(process.execPath, [next, "build"], { env: { ...env, NEXT_TYPECHECK: "off" }, stdio: "inherit" });
if (build.status !== 0) {
  await cleanup();
  process.exit(build.status ?? 1);
}
// npm test (scripts/test.mjs) starts vitest once the build is done.
if (env.E2E_BUILT_MARKER) writeFileSync(env.E2E_BUILT_MARKER, "");

const server = spawn(process.execPath, [next, "start", "-H", "127.0.0.1", "-p", env.PORT ?? "3471"], { env, stdio: "inherit" });
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  await cleanup().catch(() => {});
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
server.on("exit", (code) => void stop(code ?? 1));
