import { afterAll, inject, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { connectPostgres } from "../../scripts/lib/pg";
import { closeDatabase } from "@/db/client";
import { resetEnvForTests } from "@/lib/env";

/**
 * Every integration test file gets its own database, created on the server the globalSetup chose
 * (tests/helpers/postgres-cluster.ts: DATABASE_URL's server, else one embedded PostgreSQL for the run), as a copy
 * of the run's migrated template.
 */
// Most integration files share their worker's module graph (vitest.config.ts): each leaves the worker as it found
// it, with the environment it started with and none of the process-wide singletons the app keeps on globalThis.
const startingEnv = { ...process.env };
afterAll(() => {
  vi.restoreAllMocks();
  for (const key of Object.keys(globalThis)) if (key.startsWith("__statusTracker")) Reflect.deleteProperty(globalThis, key);
  for (const key of Object.keys(process.env)) if (!(key in startingEnv)) delete process.env[key];
  Object.assign(process.env, startingEnv);
  resetEnvForTests();
});

const serverUrl = inject("testServerUrl");
// Tests that need a database of their own beyond this file's (several app processes, say) create it here.
process.env.TEST_SERVER_DATABASE_URL = serverUrl;
process.env.WEBHOOK_SECRET = "test-webhook-secret";
process.env.API_TOKEN = "test-api-token";
process.env.LOG_LEVEL ??= "error";
// Each test file spools into its own directory, never into the checkout's data directory.
const spoolDir = mkdtempSync(path.join(tmpdir(), "st-spool-"));
process.env.SPOOL_DIR = spoolDir;
afterAll(() => rmSync(spoolDir, { recursive: true, force: true }));

const name = `st_test_${randomBytes(6).toString("hex")}`;
const admin = connectPostgres(serverUrl, { max: 1 });
await admin.unsafe(`create database ${name} template ${inject("testTemplateDatabase")}`);
await admin.end();
const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
afterAll(async () => {
  await closeDatabase();
  const dropper = connectPostgres(serverUrl, { max: 1 });
  await dropper.unsafe(`drop database if exists ${name} with (force)`);
  await dropper.end();
});
resetEnvForTests();
