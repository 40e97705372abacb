import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openPostgres } from "@/db/client";
import { startCluster } from "@/db/embedded/cluster";
import { env } from "@/lib/env";

declare module "vitest" {
  export interface ProvidedContext {
    /** The PostgreSQL server the integration tests create their databases on. */
    testServerUrl: string;
    /** A database on it with every migration applied, which each test file's database is copied from. */
    testTemplate: string;
  }
}

type Server = { url: string; template: string };
type Shared = { server: Promise<Server>; users: number; stop: () => Promise<void> };
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
 * Migrates a database once for the whole run: each test file's database is a copy of it (`create database …
 * template`), a fifth of a second, where migrating each one took one to six seconds of the run's two cores.
 */
async function createTemplate(serverUrl: string): Promise<{ template: string; drop: () => Promise<void> }> {
  const template = `st_template_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${template}`;
  // Opening migrates it; closed at once, since a database is only copied while nobody is connected to it.
  await (await openPostgres(url.toString(), 1)).close();
  const drop = async () => {
    const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await dropper.unsafe(`drop database if exists ${template} with (force)`);
    await dropper.end();
  };
  return { template, drop };
}

async function startServer(): Promise<{ server: Server; stop: () => Promise<void> }> {
  const given = process.env.DATABASE_URL;
  const embedded = given ? null : await startEmbedded();
  const url = given ?? embedded?.url ?? "";
  const { template, drop } = await createTemplate(url);
  return {
    server: { url, template },
    stop: async () => {
      await drop();
      await embedded?.stop();
    },
  };
}

/**
 * vitest globalSetup of the integration tests: with DATABASE_URL the tests use that server; without it ONE embedded
 * PostgreSQL starts here for the whole run (durability off: it is thrown away). Either way it is shared by the
 * integration projects, and every test file still gets a fresh, migrated database of its own on it, copied from a
 * template migrated once here (tests/helpers/setup-db.ts). The last project to finish tears it down.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!shared.statusTrackerTestServer) {
    const starting = startServer();
    shared.statusTrackerTestServer = {
      server: starting.then((s) => s.server),
      users: 0,
      stop: async () => (await starting).stop(),
    };
  }
  const run = shared.statusTrackerTestServer;
  run.users += 1;
  const { url, template } = await run.server;
  project.provide("testServerUrl", url);
  project.provide("testTemplate", template);
  return async () => {
    run.users -= 1;
    if (run.users > 0) return;
    shared.statusTrackerTestServer = undefined;
    await run.stop();
  };
}
