import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Delivery } from "../helpers/flows";

/** The fault suite's moving parts: the app as a real server process, a sender that keeps score, waiting for quiet. */

export const SECRET = "fault-webhook-secret";
export const API_TOKEN = "fault-api-token";

import { freeLoopbackPort as freePort } from "@/db/embedded/cluster";

export type App = {
  url: string;
  /** Times the process died on its own and was started again. */
  restarts: string[];
  spoolDir: string;
  start(): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
  output(): string;
  destroy(): Promise<void>;
};

/**
 * The app's intake (webhook and health routes, in-process workers) in its own Node process, started the way
 * tests/fault/app-server.ts says. Restartable with the same spool directory, like a container restart.
 */
export async function startApp(env: Record<string, string>): Promise<App> {
  const port = await freePort();
  const spoolDir = mkdtempSync(path.join(tmpdir(), "st-fault-spool-"));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = "";
  const restarts: string[] = [];
  const app: App = {
    url,
    restarts,
    spoolDir,
    async start() {
      const started = spawn(process.execPath, ["--import", "tsx", "tests/fault/app-server.ts"], {
        cwd: path.join(import.meta.dirname, "../.."),
        env: {
          ...process.env,
          ...env,
          PORT: String(port),
          SPOOL_DIR: spoolDir,
          WEBHOOK_SECRET: SECRET,
          API_TOKEN,
          LOG_LEVEL: "warn",
          TSX_TSCONFIG_PATH: "tests/fault/tsconfig.json",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      started.stdout?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
      started.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
      child = started;
      // Like the compose file's `restart: unless-stopped`: a process that dies on its own is started again (its
      // spool is replayed at start-up). postgres.js 3.4.9 can throw from a timer on a closed socket while the
      // database restarts under load, which ends the process.
      started.once("exit", (code, signal) => {
        if (child !== started) return; // killed on purpose
        child = null;
        restarts.push(`exited (${code ?? signal}) at ${new Date().toISOString()}`);
        void app.start().catch(() => {});
      });
      for (let i = 0; i < 600; i += 1) {
        if (started.exitCode !== null) throw new Error(`app exited: ${log}`);
        try {
          await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      throw new Error(`app did not start: ${log}`);
    },
    async kill(signal) {
      const current = child;
      child = null;
      if (!current || current.exitCode !== null) return;
      const exited = new Promise((resolve) => current.once("exit", resolve));
      current.kill(signal);
      await exited;
    },
    output: () => log,
    async destroy() {
      await app.kill("SIGTERM");
      rmSync(spoolDir, { recursive: true, force: true });
    },
  };
  await app.start();
  return app;
}

/** `at`: when the answer came (ms since epoch); `ms`: how long it took. */
export type Outcome = { delivery: Delivery; status: number | null; ms: number; at: number };

/** What a sender saw: acknowledged (2xx), refused (5xx or no answer) and how long each took. */
export class Sender {
  readonly outcomes: Outcome[] = [];
  constructor(private readonly url: () => string) {}

  async post(delivery: Delivery): Promise<Outcome> {
    const started = performance.now();
    let status: number | null = null;
    try {
      const res = await fetch(`${this.url()}/api/webhooks/${delivery.source}`, {
        method: "POST",
        headers: { authorization: `Bearer ${SECRET}`, "content-type": delivery.contentType },
        body: delivery.body,
        signal: AbortSignal.timeout(15_000),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = null; // no answer: the process was down or died mid-request
    }
    const outcome = { delivery, status, ms: performance.now() - started, at: Date.now() };
    this.outcomes.push(outcome);
    return outcome;
  }

  /** Posts until the app answers at all (a sender retrying a refused connection); every attempt is counted. */
  async deliver(delivery: Delivery): Promise<Outcome> {
    for (;;) {
      const outcome = await this.post(delivery);
      if (outcome.status !== null && outcome.status < 500) return outcome;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  acknowledged(): Outcome[] {
    return this.outcomes.filter((o) => o.status !== null && o.status >= 200 && o.status < 300);
  }

  refused(): Outcome[] {
    return this.outcomes.filter((o) => o.status === null || o.status >= 500);
  }
}

export function dedupeKey(delivery: Delivery): string {
  return createHash("sha256").update(delivery.body).digest("hex");
}

export type Health = { status: number; ms: number; spool: number | null; pending: number | null };

export async function health(url: string): Promise<Health> {
  const started = performance.now();
  try {
    const res = await fetch(`${url}/api/health`, { headers: { authorization: `Bearer ${API_TOKEN}` }, signal: AbortSignal.timeout(5000) });
    const body = (await res.json()) as { intake?: { spool?: { records?: number }; pending?: number } };
    return { status: res.status, ms: performance.now() - started, spool: body.intake?.spool?.records ?? null, pending: body.intake?.pending ?? null };
  } catch {
    return { status: 0, ms: performance.now() - started, spool: null, pending: null };
  }
}

/** Waits until the app reports an empty spool and no pending delivery; resolves how long that took. */
export async function waitSettled(url: string, timeoutMs = 90_000): Promise<number> {
  const started = Date.now();
  let last: Health | null = null;
  while (Date.now() - started < timeoutMs) {
    last = await health(url);
    if (last.status === 200 && last.spool === 0 && last.pending === 0) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the app did not settle: ${JSON.stringify(last)}`);
}
