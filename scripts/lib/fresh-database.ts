import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { connectPostgres } from "./pg";

export type DatabaseHandle = { serverUrl: string; name: string } | { dir: string };
export type FreshDatabase = { env: Record<string, string>; handle: DatabaseHandle; drop(): Promise<void> };

/**
 * A database nobody else uses: a new one on the Postgres server named by `serverUrl`, else a data directory of its
 * own for the embedded PostgreSQL the app starts.
 */
export async function freshDatabase(serverUrl: string | undefined, prefix: string): Promise<FreshDatabase> {
  if (serverUrl) {
    const name = `${prefix}_${randomBytes(5).toString("hex")}`;
    const admin = connectPostgres(serverUrl, { max: 1 });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = { serverUrl, name };
    return { env: { DATABASE_URL: url.toString() }, handle, drop: () => dropDatabase(handle) };
  }
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  chmodSync(dir, 0o755); // run as root, the server's own account must be able to enter it
  return { env: { EMBEDDED_POSTGRES_DIR: path.join(dir, "postgres") }, handle: { dir }, drop: () => dropDatabase({ dir }) };
}

/** Removes a database made by freshDatabase; safe to call twice. */
export async function dropDatabase(handle: DatabaseHandle): Promise<void> {
  if ("dir" in handle) {
    rmSync(handle.dir, { recursive: true, force: true });
    return;
  }
  if (!/^[a-z0-9_]+$/.test(handle.name)) throw new Error(`refusing to drop database "${handle.name}"`);
  const dropper = connectPostgres(handle.serverUrl, { max: 1 });
  await dropper.unsafe(`drop database if exists ${handle.name} with (force)`);
  await dropper.end();
}
