import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { type PgCluster, start } from "../helpers/pg-cluster";
import { type AppProcess, startAppProcess, stopAppProcess } from "./app-process";

/**
 * Clients that hang up before reading their answer: the server stays quiet about it. Its own app process (the shared
 * server's log is not the tests' to read), from the one build, on a private PostgreSQL.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: PgCluster | null = null;
let app: AppProcess | null = null;
let url = "";

test.afterAll(async () => {
  if (app) await stopAppProcess(app);
  await cluster?.stop();
});

test.beforeAll(async () => {
  cluster = await start();
  app = await startAppProcess(
    {
      DATABASE_URL: cluster.url,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      WEBHOOK_SECRET: "hang-ups-webhook-secret",
      ADMIN_USERNAME: "root",
      ADMIN_PASSWORD: randomBytes(9).toString("hex"),
      LOG_LEVEL: "warn",
    },
    { capture: true },
  );
  url = app.url;
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
  expect(app?.output()).not.toMatch(/uncaught|Error: aborted/i);
});
