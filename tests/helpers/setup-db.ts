import { afterAll } from "vitest";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { closeDatabase } from "@/db/client";
import { resetEnvForTests } from "@/lib/env";

/**
 * Every test file gets its own database: a fresh one on the Postgres server named by DATABASE_URL
 * (CI), else an in-memory PGlite. Forked workers run several files, so the server URL is remembered
 * before this file replaces DATABASE_URL with its own.
 */
process.env.TEST_SERVER_DATABASE_URL ??= process.env.DATABASE_URL ?? "";
const serverUrl = process.env.TEST_SERVER_DATABASE_URL;
process.env.WEBHOOK_SECRET = "test-webhook-secret";
process.env.API_TOKEN = "test-api-token";
process.env.LOG_LEVEL ??= "error";
// Each test file spools into its own directory, never into the checkout's data directory.
const spoolDir = mkdtempSync(path.join(tmpdir(), "st-spool-"));
process.env.SPOOL_DIR = spoolDir;
afterAll(() => rmSync(spoolDir, { recursive: true, force: true }));

if (serverUrl) {
  const name = `st_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  afterAll(async () => {
    await closeDatabase();
    const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await dropper.unsafe(`drop database if exists ${name} with (force)`);
    await dropper.end();
  });
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = "memory://";
  afterAll(async () => {
    await closeDatabase();
  });
}
resetEnvForTests();
