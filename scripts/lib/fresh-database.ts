import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";

export type FreshDatabase = { env: Record<string, string>; drop(): Promise<void> };

/**
 * A database nobody else uses: a new one on the Postgres server named by `serverUrl`, else a PGlite
 * directory of its own (PGlite must never share a directory between processes).
 */
export async function freshDatabase(serverUrl: string | undefined, prefix: string): Promise<FreshDatabase> {
  if (serverUrl) {
    const name = `${prefix}_${randomBytes(5).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      async drop() {
        const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  return {
    env: { PGLITE_DIR: path.join(dir, "pglite") },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
