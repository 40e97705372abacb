import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { freeLoopbackPort } from "../helpers/pg-cluster";

/** An app process of its own (`next start` on the one build), for specs that must not share the e2e server. */
export type AppProcess = { url: string; proc: ChildProcess; output(): string };

const next = path.join(process.cwd(), "node_modules/next/dist/bin/next");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `next start` on a free loopback port with `env` (on top of a production baseline) and waits for
 * /api/health. `capture`: keep what it prints, for `output()`; otherwise its errors go to the test's stderr.
 */
export async function startAppProcess(env: Record<string, string>, { capture = false } = {}): Promise<AppProcess> {
  const port = await freeLoopbackPort();
  const baseline: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const proc = spawn(process.execPath, [next, "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...baseline, ...env },
    stdio: capture ? ["ignore", "pipe", "pipe"] : ["ignore", "ignore", "inherit"],
  });
  let printed = "";
  for (const stream of [proc.stdout, proc.stderr]) stream?.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if ((await fetch(`${url}/api/health`).catch(() => null))?.ok) return { url, proc, output: () => printed };
    if (proc.exitCode !== null) break;
    await sleep(100);
  }
  throw new Error(`the app on ${port} did not start${printed ? `: ${printed}` : ""}`);
}

/** SIGTERM, and waits for the exit; nothing to do for a process that has ended. */
export async function stopAppProcess(app: AppProcess): Promise<void> {
  if (app.proc.exitCode !== null || app.proc.signalCode !== null) return;
  const exited = new Promise((r) => app.proc.once("exit", r));
  app.proc.kill("SIGTERM");
  await exited;
}
