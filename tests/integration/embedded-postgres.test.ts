import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openPostgres } from "@/db/client";
import { startCluster } from "@/db/embedded/cluster";
import { alive, chrtPath } from "@/db/embedded/system";
import { postgresTarget } from "@/db/url";

/**
 * The embedded PostgreSQL on its own data directory: initialised once, the data kept across restarts, never running
 * as root, and recovered after its owner or the server itself was killed.
 */
const root = mkdtempSync(path.join(tmpdir(), "st-embedded-test-"));
chmodSync(root, 0o755);
const dir = path.join(root, "postgres");
const user = process.env.EMBEDDED_POSTGRES_USER || "status-tracker-pg";
afterAll(() => rmSync(root, { recursive: true, force: true }));

const uidOf = (pid: number) => Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
/** The scheduling policy in /proc/<pid>/stat (field 41; 3 is SCHED_BATCH). */
const policyOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[38]);
const SCHED_BATCH = 3;

async function query<T extends object>(url: string, text: string): Promise<T[]> {
  const target = postgresTarget(url);
  const sql = postgres(target.url, { max: 1, onnotice: () => {}, path: target.path });
  try {
    return [...(await sql.unsafe<T[]>(text))];
  } finally {
    await sql.end();
  }
}

async function waitUntil(check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A separate process owning a cluster on `dir` (node with tsx's loader, so killing it kills the owner itself). */
async function startOwner(): Promise<{ owner: ReturnType<typeof spawn>; pid: number; url: string }> {
  const owner = spawn(process.execPath, ["--import", "tsx", "tests/helpers/cluster-owner.ts", dir], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    owner.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0] ?? "");
    });
    owner.once("exit", (code) => reject(new Error(`owner exited (${code})`)));
  });
  return { owner, ...(JSON.parse(line) as { pid: number; url: string }) };
}

describe("embedded PostgreSQL", () => {
  it("initialises a data directory, listens on loopback with a password, and keeps the data across restarts", async () => {
    const first = await startCluster({ dir, user, noSync: true });
    expect(new URL(first.url).hostname).toBe("127.0.0.1");
    if (process.getuid?.() === 0) expect(uidOf(first.pid)).not.toBe(0);
    await query(first.url, "create table kept (v text); insert into kept values ('still here')");
    const wrong = new URL(first.url);
    wrong.password = "wrong";
    await expect(query(wrong.toString(), "select 1")).rejects.toThrow(/password/);
    await first.stop();
    expect(alive(first.pid)).toBe(false);

    const second = await startCluster({ dir, user });
    expect(await query<{ v: string }>(second.url, "select v from kept")).toEqual([{ v: "still here" }]);
    await second.stop();
  });

  it("also listens on a Unix socket in its data directory, open to its own account only", async () => {
    const cluster = await startCluster({ dir, user });
    const { path: socket } = postgresTarget(cluster.socketUrl);
    expect(socket).toBe(path.join(dir, `.s.PGSQL.${new URL(cluster.url).port}`));
    expect(statSync(socket ?? "").mode & 0o777).toBe(0o700);
    // No client address: the session came through the socket, with the same password as over TCP.
    const [session] = await query<{ addr: string | null }>(
      cluster.socketUrl,
      "select client_addr::text as addr from pg_stat_activity where pid = pg_backend_pid()",
    );
    expect(session).toEqual({ addr: null });
    const wrong = cluster.socketUrl.replace(/:[0-9a-f]+@/, ":wrong@");
    await expect(query(wrong, "select 1")).rejects.toThrow(/password/);
    // The app's pool takes the socket from such a URL.
    const app = await openPostgres(cluster.socketUrl, 2, "embedded");
    const rows = await app.db.execute<{ addr: string | null }>(
      sql`select client_addr::text as addr from pg_stat_activity where pid = pg_backend_pid()`,
    );
    expect(Array.from(rows as unknown as Iterable<unknown>)).toEqual([{ addr: null }]);
    await app.close();
    await cluster.stop();
  });

  it.runIf(chrtPath())("runs the server and its backends under the batch scheduling policy, so they never preempt the app", async () => {
    const cluster = await startCluster({ dir, user });
    const { url, path: socket } = postgresTarget(cluster.socketUrl);
    const sql = postgres(url, { max: 1, onnotice: () => {}, path: socket });
    try {
      const [backend] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
      expect(policyOf(cluster.pid)).toBe(SCHED_BATCH);
      expect(policyOf(backend?.pid ?? 0)).toBe(SCHED_BATCH);
    } finally {
      await sql.end();
      await cluster.stop();
    }
  });

  it("stops when its owner is killed with SIGKILL, and starts again on the same directory", async () => {
    const { owner, pid } = await startOwner();
    owner.kill("SIGKILL");
    await waitUntil(() => !alive(pid));
    const again = await startCluster({ dir, user });
    expect(await query<{ v: string }>(again.url, "select v from kept")).toEqual([{ v: "still here" }]);
    await again.stop();
  });

  it("recovers when the server itself was killed and left its postmaster.pid behind", async () => {
    const { owner, pid } = await startOwner();
    process.kill(pid, "SIGKILL");
    await waitUntil(() => !alive(pid));
    owner.kill("SIGKILL");
    expect(existsSync(path.join(dir, "postmaster.pid"))).toBe(true);
    const again = await startCluster({ dir, user });
    expect(await query<{ v: string }>(again.socketUrl, "select v from kept")).toEqual([{ v: "still here" }]);
    // The killed server's socket and its lock file are gone; only the new server's remain.
    const sockets = readdirSync(dir).filter((f) => f.startsWith(".s.PGSQL."));
    expect(sockets.sort()).toEqual([`.s.PGSQL.${new URL(again.url).port}`, `.s.PGSQL.${new URL(again.url).port}.lock`]);
    await again.stop();
  });
});
