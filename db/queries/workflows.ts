import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, lte, notInArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { downloads, outbox, requests, stageThresholds, timelineEvents, type DownloadRow, type RequestRow } from "../schema";

/** Transaction-scoped, non-blocking: true when this transaction now holds `key`. */
export async function tryTransactionLock({ db, key }: { db: Db; key: number }): Promise<boolean> {
  const result = await db.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${key}) as locked`);
  const rows = (Array.isArray(result) ? result : (result as { rows: { locked: boolean }[] }).rows) as { locked: boolean }[];
  return rows[0]?.locked === true;
}

/** Torrents the client is still working on, as far as we know. */
export async function listActiveDownloads({ db }: { db: Db }): Promise<DownloadRow[]> {
  return db
    .select()
    .from(downloads)
    .where(inArray(downloads.status, ["queued", "downloading"]))
    .orderBy(asc(downloads.createdAt))
    .limit(500);
}

/** Requests the pipeline has not finished with, oldest change first. */
export async function listOpenRequests({ db, limit }: { db: Db; limit: number }): Promise<RequestRow[]> {
  return db
    .select()
    .from(requests)
    .where(notInArray(requests.stage, ["available", "declined", "requested", "removed"]))
    .orderBy(asc(requests.updatedAt))
    .limit(limit);
}

export async function listStageThresholds({ db }: { db: Db }) {
  return db.select().from(stageThresholds);
}

export async function upsertStageThreshold({
  db,
  stage,
  afterMinutes,
}: {
  db: Db;
  stage: (typeof stageThresholds.$inferInsert)["stage"];
  afterMinutes: number;
}) {
  await db
    .insert(stageThresholds)
    .values({ stage, afterMinutes })
    .onConflictDoUpdate({ target: stageThresholds.stage, set: { afterMinutes, updatedAt: sql`now()` } });
}

/** What each import of the request brought in: library paths and the episodes they hold. */
export async function listImports({ db, requestId }: { db: Db; requestId: number }) {
  const rows = await db
    .select({ data: timelineEvents.data })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.requestId, requestId), eq(timelineEvents.event, "release.imported")))
    .orderBy(desc(timelineEvents.seq))
    .limit(200);
  return rows.map((r) => r.data ?? {});
}

/** Requests whose imports include a path ending with `suffix` (case-insensitive). */
export async function findRequestsByImportedPath({ db, suffix }: { db: Db; suffix: string }) {
  const pattern = `%${suffix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}`;
  return db
    .selectDistinct({ requestId: timelineEvents.requestId, data: timelineEvents.data })
    .from(timelineEvents)
    .where(
      and(
        eq(timelineEvents.event, "release.imported"),
        sql`exists (select 1 from jsonb_array_elements_text(coalesce(${timelineEvents.data}->'paths', '[]'::jsonb)) p where lower(p) like ${pattern})`,
      ),
    )
    .limit(20);
}

export type OutboxRow = typeof outbox.$inferSelect;

/**
 * Claims due rows for `leaseMs` in one statement (SKIP LOCKED, so two drainers never take the same row):
 * the send then happens outside any transaction; a drainer that dies mid-send leaves rows due again later.
 */
export async function claimDueOutbox({ db, now, limit, leaseMs }: { db: Db; now: Date; limit: number; leaseMs: number }): Promise<OutboxRow[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(isNull(outbox.sentAt), lte(outbox.availableAt, now)))
    .orderBy(asc(outbox.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(outbox)
    .set({ availableAt: new Date(now.getTime() + leaseMs) })
    .where(sql`${outbox.id} in (${due})`)
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}

export async function markOutboxSent({ db, ids, now }: { db: Db; ids: number[]; now: Date }) {
  if (ids.length === 0) return;
  await db
    .update(outbox)
    .set({ sentAt: now, lastError: null })
    .where(and(inArray(outbox.id, ids), isNull(outbox.sentAt)));
}

export async function markOutboxFailed({ db, ids, error, retryAt }: { db: Db; ids: number[]; error: string; retryAt: Date }) {
  if (ids.length === 0) return;
  await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error.slice(0, 500), availableAt: retryAt })
    .where(inArray(outbox.id, ids));
}

export async function outboxBacklog({ db }: { db: Db }): Promise<number> {
  const [row] = await db.select({ n: count() }).from(outbox).where(isNull(outbox.sentAt));
  return row?.n ?? 0;
}
