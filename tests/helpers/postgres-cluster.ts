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

/**
 * vitest globalSetup of the integration tests: with DATABASE_URL the tests use that server; without it ONE embedded
 * PostgreSQL starts here for the whole run (durability off: it is thrown away), and every test file still gets a
 * fresh database of its own on it (tests/helpers/setup-db.ts).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.DATABASE_URL) {
    project.provide("testServerUrl", process.env.DATABASE_URL);
    return undefined;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "status-tracker-vitest-"));
  chmodSync(dir, 0o755); // run as root, the server's own account must be able to enter it
  const cluster = await startCluster({
    dir: path.join(dir, "postgres"),
    user: env().EMBEDDED_POSTGRES_USER,
    noSync: true,
    settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off", max_connections: "200" },
    onLog: (line) => process.stderr.write(`[embedded postgres] ${line}\n`),
  });
  project.provide("testServerUrl", cluster.url);
  return async () => {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
