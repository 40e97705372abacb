import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** The newest modification time under these paths (files only), to tell whether the build is current. */
function newest(paths: string[]): number {
  let latest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) for (const entry of readdirSync(p)) visit(path.join(p, entry));
    else latest = Math.max(latest, stat.mtimeMs);
  };
  for (const p of paths) visit(p);
  return latest;
}

const SOURCES = ["app", "components", "lib", "db", "inngest", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package.json"];

/** True when `.next` holds a production build newer than every source file. */
export function buildIsCurrent(): boolean {
  const id = ".next/BUILD_ID";
  return existsSync(id) && statSync(id).mtimeMs >= newest(SOURCES);
}

/** `next build` with its whole output in `logFile` and each step (one line per stage) passed to `progress`. */
export async function build(logFile: string, progress: (line: string) => void): Promise<void> {
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let pending = "";
  let last = Date.now();
  let current = "building";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    const lines = (pending + chunk).split(/\r?\n|\r/);
    pending = lines.pop() ?? "";
    for (const line of lines.map(stripAnsi)) {
      if (!STEP.test(line)) continue;
      current = line.trim().replace(/\s*\.\.\.$|…$/, "");
      last = Date.now();
      progress(line.trim());
    }
  });
  // Compiling is one long step: a line every 10 s says it is still going.
  const heartbeat = setInterval(() => {
    if (Date.now() - last >= 10_000) progress(`… ${current.charAt(0).toLowerCase()}${current.slice(1)} (still going)`);
  }, 10_000);
  child.once("exit", () => clearInterval(heartbeat));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code}); see ${logFile}`);
}

// The build's stage lines ("Creating an optimized production build", "Compiled successfully in 31s", "Generating
// static pages (12/12)", …); the route table and warnings stay in the log.
const STEP = /^\s*(?:[✓○▲]\s*)?(Creating|Compiled|Compiling|Linting|Running|Checking|Collecting|Generating|Finalizing|Skipping)\b/;
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");

export type App = { url: string; child: ChildProcess; stop(): Promise<void>; exited: Promise<number | null> };

/**
 * `next start` in its own process group, so stopping it also stops anything it started; output goes to a log
 * file, not the terminal. Resolves once `/api/health` answers.
 */
export async function startApp(env: NodeJS.ProcessEnv, port: number, logFile: string): Promise<App> {
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const group = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // the group is already gone
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return group("SIGKILL");
    group("SIGTERM");
    const timer = setTimeout(() => group("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
    group("SIGKILL"); // anything the server left behind in its group
  };
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`the app exited (code ${child.exitCode}); see ${logFile}`);
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) })).ok) return { url, child, stop, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`the app did not answer within 60 s; see ${logFile}`);
}
