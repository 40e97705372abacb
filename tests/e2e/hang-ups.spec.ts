import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freeLoopbackPort, type PgCluster, start } from "../helpers/pg-cluster";

/**
 * Clients that hang up before reading their answer: the server stays quiet about it. Its own app process (the shared
 * server's log is not the tests' to read), from the one build, on a private PostgreSQL.
 */
const next = path.join(process.cwd(), "node_modules/next/dist/bin/next");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: PgCluster | null = null;
let app: ChildProcess | null = null;
let url = "";
let log = "";

test.afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((r) => app?.once("exit", r));
    app.kill("SIGTERM");
    await exited;
  }
  await cluster?.stop();
});

async function startApp(databaseUrl: string): Promise<string> {
  const port = await freeLoopbackPort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    WEBHOOK_SECRET: "hang-ups-webhook-secret",
    ADMIN_USERNAME: "root",
    ADMIN_PASSWORD: randomBytes(9).toString("hex"),
    LOG_LEVEL: "warn",
  };
  app = spawn(process.execPath, [next, "start", "-H", "127.0.0.1", "-p", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [app.stdout, app.stderr]) stream?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if ((await fetch(`${url}/api/health`).catch(() => null))?.ok) return url;
    if (app.exitCode !== null) break;
    await sleep(100);
  }
  throw new Error(`the app did not start: ${log}`);
}

test.beforeAll(async () => {
  cluster = await start();
  url = await startApp(cluster.url);
});

test("clients that hang up before reading their answer leave no uncaught exception in the log", async () => {
  // A POST with a body to a route behind the sign-in check, whose answer the client drops unread: its connection
  // closes while the server still counts the request in flight. Anonymous, from this site and from another.
  const origins = [url, "http://evil.example"];
  const paths = ["/api/admin/tokens", "/api/notifications/channels", "/api/admin/deliveries/1/retry"];
  for (let round = 0; round < 4; round++) {
    for (const origin of origins) {
      for (const p of paths) {
        const res = await fetch(`${url}${p}`, {
          method: "POST",
          headers: { origin, "content-type": "application/json" },
          body: "{}",
          redirect: "manual",
        });
        expect(res.status, p).toBe(401);
        await res.body?.cancel();
      }
    }
  }
  await sleep(1_000);
  // And the server is still there.
  expect((await fetch(`${url}/api/health`)).status).toBe(200);
  expect(log).not.toMatch(/uncaught|Error: aborted/i);
});
