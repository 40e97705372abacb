import { mkdtempSync, rmSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freeLoopbackPort, isPortTaken, startCluster, type EmbeddedCluster } from "@/db/embedded/cluster";

/**
 * A private PostgreSQL cluster for tests and scripts that stop and restart the database (the shared server on 5432
 * is never touched): the app's own embedded cluster (db/embedded/cluster.ts) on a temporary directory and a fixed
 * loopback port, durability off, started and stopped at will.
 */
export type PrivatePostgres = {
  url: string;
  port: number;
  start(): Promise<void>;
  /** Fast shutdown: connections are terminated (57P01), like a routine restart. */
  stop(): Promise<void>;
  running(): boolean;
  /** Stops it and removes its data directory. */
  destroy(): Promise<void>;
};

const THROWAWAY = { fsync: "off", synchronous_commit: "off", full_page_writes: "off", max_connections: "100" };

/** `settings` replace the throw-away ones, e.g. durability back on for a test of what waits for the disk. */
export async function startPrivatePostgres({
  port: wanted,
  settings = {},
}: {
  port?: number;
  settings?: Record<string, string>;
} = {}): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), "st-private-pg-"));
  chmodSync(dir, 0o755); // as root the server runs as its own account, which must be able to enter it
  const base = { dir: path.join(dir, "data"), user: "status-tracker-pg", noSync: true, settings: { ...THROWAWAY, ...settings } };
  let options = { ...base, port: wanted ?? (await freeLoopbackPort()) };
  let cluster: EmbeddedCluster | null = null;
  // The cluster keeps its port across restarts, so it is fixed here; a port taken between the probe and the bind
  // (by any program's outgoing connection) means another port, when the caller did not ask for this one.
  for (let attempt = 1; cluster === null; attempt += 1) {
    try {
      cluster = await startCluster(options);
    } catch (error) {
      if (wanted === undefined && attempt < 3 && isPortTaken(error)) {
        options = { ...base, port: await freeLoopbackPort() };
        continue;
      }
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }
  const { port } = options;
  const url = cluster.url;
  const handle: PrivatePostgres = {
    url,
    port,
    async start() {
      cluster ??= await startCluster(options);
    },
    async stop() {
      const current = cluster;
      cluster = null;
      await current?.stop();
    },
    running: () => cluster !== null,
    async destroy() {
      await handle.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
