import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { downloads, type DownloadRow } from "../schema";

export type NewDownload = typeof downloads.$inferInsert;

export async function findDownload({ db, hash }: { db: Db; hash: string }): Promise<DownloadRow | null> {
  const rows = await db.select().from(downloads).where(eq(downloads.hash, hash)).limit(1).for("update");
  return rows[0] ?? null;
}

export async function insertDownload({ db, values }: { db: Db; values: NewDownload }) {
  await db.insert(downloads).values(values).onConflictDoNothing({ target: downloads.hash });
}

export async function updateDownload({ db, hash, values }: { db: Db; hash: string; values: Partial<NewDownload> }) {
  await db
    .update(downloads)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(downloads.hash, hash));
}

export async function listDownloadsForRequests({ db, requestIds }: { db: Db; requestIds: number[] }): Promise<DownloadRow[]> {
  if (requestIds.length === 0) return [];
  return db.select().from(downloads).where(inArray(downloads.requestId, requestIds)).orderBy(asc(downloads.createdAt));
}
