/**
 * Where the memory of idle SSE clients goes: one built `next start` on a fresh database, heap snapshots (after a
 * full GC) before and after N clients connect to `GET /api/events`, and the object kinds that grew, per client.
 *
 *   DATABASE_URL=postgres://… npx tsx scripts/profile-live-memory.ts [clients=200] [app dir=.]
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { freshDatabase } from "./lib/fresh-database";
import { heapGrowth, heapSummary } from "./lib/heap-diff";
import { memoryAfterGc } from "./lib/inspect";
import { connectAll } from "./lib/live-phases";
import { freePort } from "./lib/server";
import { signInOverHttp } from "../tests/helpers/sign-in";

const clients = Number(process.argv[2] ?? 200);
const dir = path.resolve(process.argv[3] ?? ".");
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

async function main() {
  const database = await freshDatabase(process.env.DATABASE_URL, "st_profile");
  const admin = { username: "bench", password: randomBytes(12).toString("hex") };
  const port = await freePort();
  const inspectPort = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(
    process.execPath,
    [`--inspect=127.0.0.1:${inspectPort}`, path.join(dir, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
    {
      cwd: dir,
      env: {
        ...process.env,
        ...database.env,
        NODE_ENV: "production",
        LOG_LEVEL: "warn",
        ADMIN_USERNAME: admin.username,
        ADMIN_PASSWORD: admin.password,
        AUTH_SECRET: randomBytes(32).toString("hex"),
        AUTH_TRUST_HOST: "true",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  try {
    for (let i = 0; i < 480; i++) {
      if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
      await sleep(250);
    }
    const cookie = (await signInOverHttp(base, admin.username, admin.password)).split(";")[0] ?? "";
    const warm = await connectAll(`${base}/api/events`, cookie, 20, () => {});
    for (const c of warm.clients) c.close();
    await sleep(1_000);
    const memBefore = await memoryAfterGc(inspectPort);
    const before = await heapSummary(inspectPort);
    const connected = await connectAll(`${base}/api/events`, cookie, clients, () => {});
    console.log(`${clients} connected in ${connected.allConnectedMs.toFixed(0)} ms`);
    await sleep(1_000);
    const memAfter = await memoryAfterGc(inspectPort);
    const after = await heapSummary(inspectPort);
    const kB = (bytes: number) => `${(bytes / clients / 1024).toFixed(1)} kB`;
    console.log(
      `per client after GC: RSS ${kB(memAfter.rss - memBefore.rss)}, heap ${kB(memAfter.heapUsed - memBefore.heapUsed)}, external ${kB(memAfter.external - memBefore.external)}`,
    );
    console.log(heapGrowth(before, after, clients).join("\n"));
    for (const c of connected.clients) c.close();
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await database.drop();
  }
}

await main();
