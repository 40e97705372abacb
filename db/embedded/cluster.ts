import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { platform, tmpdir } from "node:os";
import path from "node:path";
import { alive, binariesFor, chrtPath, commandLine, parentPid, setprivPath, unprivilegedUser, type RunAs } from "./system";

/**
 * A real PostgreSQL server owned by this process: its data directory is initialised on first start, it listens on a
 * free loopback port and on a Unix socket inside its data directory (only its own account, and root, can enter it),
 * with a password kept next to the data, and it stops with its owner — on `stop()`, on process exit and, on Linux,
 * even after a kill -9 of the owner (setpriv's parent-death signal).
 */
export type EmbeddedCluster = {
  /** Through the loopback port: for any client. */
  url: string;
  /**
   * Through the Unix socket (libpq's `?host=<dir>`, read by db/url.ts): a round trip costs both processes about a
   * third less CPU than over loopback TCP. The same as `url` when the directory's path is too long for a socket.
   */
  socketUrl: string;
  pid: number;
  stop(): Promise<void>;
};

export type ClusterOptions = {
  dir: string;
  /** The account the server runs as when this process is root. */
  user: string;
  /** Extra server settings (`-c name=value`), e.g. durability off for throw-away test clusters. */
  settings?: Record<string, string>;
  /** Skips initdb's fsync: only for throw-away clusters. */
  noSync?: boolean;
  /** A fixed loopback port (a test restarting "the same" server); by default a free one is picked. */
  port?: number;
  /** Server log lines (already filtered to warnings and worse once running). */
  onLog?: (line: string) => void;
};

// Small by default: a household's tracker needs little cache and few connections.
const BASE_SETTINGS: Record<string, string> = {
  listen_addresses: "127.0.0.1",
  unix_socket_directories: "",
  max_connections: "64",
  shared_buffers: "16MB",
  wal_level: "minimal",
  max_wal_senders: "0",
  max_wal_size: "256MB",
  autovacuum_max_workers: "2",
  jit: "off",
  huge_pages: "off",
  log_checkpoints: "off",
  lc_messages: "C",
};
const PASSWORD_FILE = "status-tracker.password";
const READY = "database system is ready to accept connections";

/** A loopback port free at the time of asking: another program may take it before it is bound (see isPortTaken). */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/** Whether PostgreSQL failed to start because another program holds its port. */
export function isPortTaken(error: unknown): boolean {
  return error instanceof Error && /could not (bind|create listen)/i.test(error.message);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const SOCKET_FILE = /^\.s\.PGSQL\.\d+(\.lock)?$/;

/**
 * The data directory holds the socket when the socket's path fits (103 bytes on macOS, 107 on Linux) and its name needs
 * no quoting; on Windows the app keeps to TCP.
 */
function socketDirectory(dir: string): string | null {
  if (platform() === "win32") return null;
  return /^[\w./-]+$/.test(dir) && `${dir}/.s.PGSQL.65535`.length <= 100 ? dir : null;
}

/** Socket files of a server that is gone (killed; each start picks a new port, so nothing reuses them). */
function removeStaleSockets(dir: string): void {
  for (const name of readdirSync(dir)) if (SOCKET_FILE.test(name)) rmSync(path.join(dir, name), { force: true });
}

function ownerIds(user: RunAs) {
  return user ? { uid: user.uid, gid: user.gid } : {};
}

function run(file: string, args: string[], user: RunAs): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...ownerIds(user), env: { ...process.env, LC_ALL: "C" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(file)} failed (exit ${code}): ${output.trim()}`)),
    );
  });
}

async function initialise(dir: string, user: RunAs, initdb: string, noSync: boolean): Promise<void> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is neither empty nor a PostgreSQL data directory`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const password = randomBytes(24).toString("hex");
  const pwfile = path.join(tmpdir(), `status-tracker-pw-${process.pid}-${randomBytes(4).toString("hex")}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  try {
    const args = ["-D", dir, "-U", "postgres", "--auth=scram-sha-256", `--pwfile=${pwfile}`, "-E", "UTF8", "--no-locale", "--no-instructions"];
    await run(initdb, noSync ? [...args, "--no-sync"] : args, user);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const hint = user ? ` (the server runs as "${user.name}", who must be able to enter every folder above ${dir})` : "";
    throw new Error(`${error instanceof Error ? error.message : String(error)}${hint}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
  // Written last: its presence means the directory is complete.
  writeFileSync(path.join(dir, PASSWORD_FILE), password, { mode: 0o600 });
}

/**
 * A postmaster.pid left behind. A dead PID is PostgreSQL's own business (it checks the PID and the shared memory the
 * file names, then starts with crash recovery). A live PID that is not a server on this directory is a recycled one
 * (after a reboot or in a container): the file is removed, or PostgreSQL would refuse to start. A server still
 * running on this directory is waited for (it is shutting down because its owner died); an orphan (adopted by init,
 * where no parent-death signal exists) is stopped; anything else belongs to another running instance.
 */
async function recoverLock(dir: string): Promise<void> {
  const file = path.join(dir, "postmaster.pid");
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  if (!pid || !alive(pid)) return;
  const ours = (p: number) => alive(p) && (commandLine(p)?.includes(dir) ?? true);
  if (!ours(pid)) {
    rmSync(file, { force: true });
    return;
  }
  for (let i = 0; i < 100 && ours(pid); i += 1) {
    if (i === 20 && parentPid(pid) === 1) process.kill(pid, "SIGINT");
    await sleep(100);
  }
  if (ours(pid)) throw new Error(`${dir} is in use by PostgreSQL (PID ${pid}) of another running instance`);
}

/**
 * The server's command line. Under Linux's batch scheduling policy (inherited by every backend) a backend woken by
 * the app's query no longer preempts the app's one JavaScript thread; it runs when that thread waits or at the next
 * tick. On two cores the thread otherwise spent over a third of its time runnable but waiting for a core, and webhook
 * throughput was about 20 % lower (docs/benchmarks.md, "Ingest"). Switching to it needs no privilege.
 */
function serverCommand(postgres: string, args: string[]): string[] {
  const chrt = chrtPath();
  return chrt ? [chrt, "--batch", "0", postgres, ...args] : [postgres, ...args];
}

function launch(postgres: string, dir: string, port: number, user: RunAs, settings: Record<string, string>): ChildProcess {
  const args = ["-D", dir, "-p", String(port), ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
  const [command = postgres, ...rest] = serverCommand(postgres, args);
  const setpriv = setprivPath();
  // detached: a Ctrl-C in the terminal reaches the app, which then stops the server in order.
  const options = {
    ...ownerIds(user),
    detached: true,
    env: { ...process.env, LC_ALL: "C" },
    stdio: ["ignore", "ignore", "pipe"] as ("ignore" | "pipe")[],
  };
  return setpriv ? spawn(setpriv, ["--pdeathsig", "SIGINT", "--", command, ...rest], options) : spawn(command, rest, options);
}

function waitReady(child: ChildProcess, onLog: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    let ready = false;
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      if (ready) {
        for (const line of chunk.split("\n"))
          if (/\b(WARNING|ERROR|FATAL|PANIC):/.test(line) && !/password authentication|terminating connection/.test(line)) onLog(line);
        return;
      }
      output += chunk;
      if (output.includes(READY)) {
        ready = true;
        resolve();
      }
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (!ready) reject(new Error(`PostgreSQL exited during start-up (exit ${code}): ${output.trim().split("\n").slice(-5).join(" | ")}`));
    });
  });
}

export async function startCluster(options: ClusterOptions): Promise<EmbeddedCluster> {
  const dir = path.resolve(options.dir);
  const user = await unprivilegedUser(options.user);
  const binaries = binariesFor(user);
  mkdirSync(path.dirname(dir), { recursive: true });
  if (!existsSync(path.join(dir, PASSWORD_FILE))) await initialise(dir, user, binaries.initdb, options.noSync ?? false);
  await recoverLock(dir);
  removeStaleSockets(dir);
  const password = readFileSync(path.join(dir, PASSWORD_FILE), "utf8").trim();
  const socketDir = socketDirectory(dir);
  const socket: Record<string, string> = socketDir ? { unix_socket_directories: socketDir, unix_socket_permissions: "0700" } : {};
  const settings = { ...BASE_SETTINGS, ...socket, ...options.settings };
  const onLog = options.onLog ?? (() => {});

  for (let attempt = 1; ; attempt += 1) {
    const port = options.port ?? (await freeLoopbackPort());
    const child = launch(binaries.postgres, dir, port, user, settings);
    try {
      await waitReady(child, onLog);
    } catch (error) {
      const message = error instanceof Error ? error.message : "";
      // Another program took the port between the probe and the bind: try another one.
      if (attempt < 3 && options.port === undefined && isPortTaken(error)) continue;
      // Backends of a killed server are still exiting: they notice their postmaster's death within moments.
      if (attempt < 20 && /pre-existing shared memory block|lock file .* already exists/i.test(message)) {
        await sleep(500);
        continue;
      }
      throw error;
    }
    const pid = child.pid ?? 0;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const onExit = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
    };
    process.once("exit", onExit);
    const stop = async () => {
      process.removeListener("exit", onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGINT"); // fast shutdown: open sessions end, a checkpoint is written
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    };
    child.unref();
    (child.stderr as { unref?: () => void } | null)?.unref?.();
    const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    const socketUrl = socketDir ? `postgres://postgres:${password}@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}` : url;
    return { url, socketUrl, pid, stop };
  }
}
