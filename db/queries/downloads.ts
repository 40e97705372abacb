import "server-only";
import type { Db } from "../client";
import { driverValues, readRow, readRows, sqlOf } from "../raw";
import { downloads, type DownloadRow } from "../schema";

export type NewDownload = typeof downloads.$inferInsert;

// The three statements below run on the webhook hot path: hand-written and prepared (see db/raw.ts).

/** Row-locks and reads a download. */
export async function findDownload({ db, hash }: { db: Db; hash: string }): Promise<DownloadRow | null> {
  const [row] = await sqlOf(db)`select * from downloads where hash = ${hash} limit 1 for update`;
  return row ? readRow(downloads, row) : null;
}

export async function insertDownload({ db, values }: { db: Db; values: NewDownload }) {
  const sql = sqlOf(db);
  await sql`insert into downloads ${sql(driverValues(downloads, values))} on conflict (hash) do nothing`;
}

export async function updateDownload({ db, hash, values }: { db: Db; hash: string; values: Partial<NewDownload> }) {
  const sql = sqlOf(db);
  const { updated_at: _, ...set } = driverValues(downloads, values);
  await sql`update downloads set ${sql(set)}, updated_at = now() where hash = ${hash}`;
}

/** The live fan-out's read after each commit: prepared, like the statements above. */
export async function listDownloadsForRequests({ db, requestIds }: { db: Db; requestIds: number[] }): Promise<DownloadRow[]> {
  if (requestIds.length === 0) return [];
  const rows = await sqlOf(db)`select * from downloads where request_id = any(${requestIds}::int[]) order by created_at`;
  return readRows(downloads, rows);
}
