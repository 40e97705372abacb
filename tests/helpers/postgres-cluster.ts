import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startCluster } from "@/db/embedded/cluster";
import { env } from "@/lib/env";

declare module "vitest" {
  export interface ProvidedContext {
    /** The PostgreSQL server the integration tests create their databases on. */
    testServerUrl: string;
  }
}

type Shared = { url: Promise<string>; users: number; stop: () => Promise<void> };
// Each vitest project that lists this file runs it with its own module instance: the run's one server lives here.
const shared = globalThis as { statusTrackerTestServer?: Shared };

async function startEmbedded(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "status-tracker-vitest-"));
  chmodSync(dir, 0o755); // run as root, the server's own account must be able to enter it
  const cluster = await startCluster({
    dir: path.join(dir, "postgres"),
    user: env().EMBEDDED_POSTGRES_USER,
    noSync: true,
    settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off", max_connections: "200" },
    onLog: (line) => process.stderr.write(`[embedded postgres] ${line}\n`),
  });
  return {
    url: cluster.url,
    stop: async () => {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * vitest globalSetup of the integration tests: with DATABASE_URL the tests use that server; without it ONE embedded
 * PostgreSQL starts here for the whole run (durability off: it is thrown away), shared by the integration projects
 * and stopped after the last, and every test file still gets a fresh database of its own on it (tests/helpers/setup-db.ts).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.DATABASE_URL) {
    project.provide("testServerUrl", process.env.DATABASE_URL);
    return undefined;
  }
  if (!shared.statusTrackerTestServer) {
    const starting = startEmbedded();
    shared.statusTrackerTestServer = { url: starting.then((s) => s.url), users: 0, stop: async () => (await starting).stop() };
  }
  const server = shared.statusTrackerTestServer;
  server.users += 1;
  project.provide("testServerUrl", await server.url);
  return async () => {
    server.users -= 1;
    if (server.users > 0) return;
    shared.statusTrackerTestServer = undefined;
    await server.stop();
  };
}
