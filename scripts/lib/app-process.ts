import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { freePort } from "./server";

/**
 * `next start` of a built checkout (this one, or an older one given by path to compare against) in its own process
 * group, for the memory and start-up benchmarks. `launchedAt` is taken just before the spawn.
 */
export type AppProcess = { url: string; child: ChildProcess; launchedAt: number; stop(): Promise<void> };

export const benchAdmin = { username: "bench", password: "bench-password-0123456789" };
export const benchSecret = "bench-webhook-secret";

/** Environment naming a fresh database for `appDir`: checkouts before the embedded PostgreSQL used PGlite. */
export function embeddedDatabaseEnv(appDir: string, dir: string): Record<string, string> {
  return existsSync(path.join(appDir, "db/embedded"))
    ? { EMBEDDED_POSTGRES_DIR: path.join(dir, "postgres") }
    : { PGLITE_DIR: path.join(dir, "pglite") };
}

export async function launchApp(appDir: string, env: Record<string, string>, nodeOptions = ""): Promise<AppProcess> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123456789",
    AUTH_TRUST_HOST: "true",
    ADMIN_USERNAME: benchAdmin.username,
    ADMIN_PASSWORD: benchAdmin.password,
    WEBHOOK_SECRET: benchSecret,
    LOG_LEVEL: "warn",
    NODE_OPTIONS: nodeOptions,
  };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const launchedAt = performance.now();
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: appDir,
    env: childEnv,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { url: `http://127.0.0.1:${port}`, child, launchedAt, stop };
}

/** Polls `url` until it answers `status`; resolves with milliseconds since `since`. */
export async function firstAnswer(
  url: string,
  since: number,
  status = 200,
  timeoutMs = 120_000,
  headers: Record<string, string> = {},
): Promise<number> {
  const deadline = since + timeoutMs;
  while (performance.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: "manual", headers, signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status === status) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs / 1000} s`);
}
