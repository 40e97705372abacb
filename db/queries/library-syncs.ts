import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { ImportCursor } from "@/lib/domain/library-import";
import type { Db } from "../client";
import { librarySyncs } from "../schema";

export type LibrarySyncRow = typeof librarySyncs.$inferSelect;

/** A new sync from the first page, unless one is running (then that one): two clicks start one sync. */
export async function startLibrarySyncRow({ db, by }: { db: Db; by: string }): Promise<{ row: LibrarySyncRow; started: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727104)`);
    const [running] = await tx.select().from(librarySyncs).where(eq(librarySyncs.status, "running")).limit(1);
    if (running) return { row: running, started: false };
    const [row] = await tx
      .insert(librarySyncs)
      .values({ startedBy: by, status: "running", cursor: { phase: "library", startIndex: 0 }, phase: "library" })
      .returning();
    if (!row) throw new Error("library sync insert returned no row");
    return { row, started: true };
  });
}

export async function getLibrarySync({ db, id }: { db: Db; id: number }): Promise<LibrarySyncRow | null> {
  const [row] = await db.select().from(librarySyncs).where(eq(librarySyncs.id, id));
  return row ?? null;
}

export async function latestLibrarySync({ db }: { db: Db }): Promise<LibrarySyncRow | null> {
  const [row] = await db.select().from(librarySyncs).orderBy(desc(librarySyncs.id)).limit(1);
  return row ?? null;
}

export async function listRunningLibrarySyncs({ db }: { db: Db }): Promise<LibrarySyncRow[]> {
  return db.select().from(librarySyncs).where(eq(librarySyncs.status, "running"));
}

/**
 * Moves the sync past one page: counts, progress and the next cursor, only if the cursor is still the one this
 * page started from (a second runner's copy of the same page changes nothing).
 */
export async function advanceLibrarySync({
  db,
  id,
  from,
  next,
  fetched,
  total,
  created,
  updated,
  now = new Date(),
}: {
  db: Db;
  id: number;
  from: ImportCursor;
  next: ImportCursor | null;
  fetched: number;
  /** Items in this phase (known after its first page); added to N once per phase. */
  total: number;
  created: number;
  updated: number;
  now?: Date;
}): Promise<boolean> {
  const rows = await db
    .update(librarySyncs)
    .set({
      cursor: next,
      phase: next?.phase ?? null,
      done: sql`${librarySyncs.done} + ${fetched}`,
      total: from.startIndex === 0 ? sql`${librarySyncs.total} + ${total}` : librarySyncs.total,
      created: sql`${librarySyncs.created} + ${created}`,
      updated: sql`${librarySyncs.updated} + ${updated}`,
      status: next ? "running" : "done",
      finishedAt: next ? null : now,
    })
    .where(sql`${librarySyncs.id} = ${id} and ${librarySyncs.status} = 'running' and ${librarySyncs.cursor} = ${JSON.stringify(from)}::jsonb`)
    .returning({ id: librarySyncs.id });
  return rows.length > 0;
}

export async function failLibrarySync({ db, id, error, now = new Date() }: { db: Db; id: number; error: string; now?: Date }): Promise<void> {
  await db.update(librarySyncs).set({ status: "failed", error, finishedAt: now }).where(eq(librarySyncs.id, id));
}

export async function anyLibrarySync({ db }: { db: Db }): Promise<boolean> {
  const [row] = await db.select({ id: librarySyncs.id }).from(librarySyncs).limit(1);
  return Boolean(row);
}
