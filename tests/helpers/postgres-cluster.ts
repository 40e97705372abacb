import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "@/db/client";
import { startCluster } from "@/db/embedded/cluster";
import { env } from "@/lib/env";
import { freshDatabase } from "../../scripts/lib/fresh-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** The PostgreSQL server the integration tests create their databases on. */
    testServerUrl: string;
    /** A migrated database on that server to copy each test file's database from. */
    testTemplateDatabase: string;
  }
}

type Server = { url: string; template: string; stop: () => Promise<void> };
type Shared = { server: Promise<Server>; users: number };
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

/** A database every test file's own is copied from, migrated once for the run: a copy costs a fraction of migrating. */
async function createTemplate(serverUrl: string): Promise<{ name: string; drop: () => Promise<void> }> {
  const template = await freshDatabase(serverUrl, "st_template");
  if (!("name" in template.handle) || !template.env.DATABASE_URL) throw new Error("a template needs a server");
  await migrateDatabase(template.env.DATABASE_URL);
  return { name: template.handle.name, drop: template.drop };
}

async function startServer(): Promise<Server> {
  const embedded = process.env.DATABASE_URL ? null : await startEmbedded();
  const url = process.env.DATABASE_URL ?? embedded?.url ?? "";
  const template = await createTemplate(url).catch(async (error: unknown) => {
    await embedded?.stop();
    throw error;
  });
  return {
    url,
    template: template.name,
    stop: async () => {
      await template.drop().catch(() => {});
      await embedded?.stop();
    },
  };
}

/**
 * vitest globalSetup of the integration tests: with DATABASE_URL the tests use that server; without it ONE embedded
 * PostgreSQL starts here for the whole run (durability off: it is thrown away). Either way it is shared by the
 * integration projects and left (or stopped) after the last, and every test file still gets a fresh database of its
 * own on it (tests/helpers/setup-db.ts), copied from one migrated here.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!shared.statusTrackerTestServer) shared.statusTrackerTestServer = { server: startServer(), users: 0 };
  const holder = shared.statusTrackerTestServer;
  holder.users += 1;
  const server = await holder.server;
  project.provide("testServerUrl", server.url);
  project.provide("testTemplateDatabase", server.template);
  return async () => {
    holder.users -= 1;
    if (holder.users > 0) return;
    shared.statusTrackerTestServer = undefined;
    await server.stop();
  };
}
