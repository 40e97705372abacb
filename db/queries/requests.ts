import "server-only";
import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { MediaIds } from "@/lib/domain/correlate";
import type { MediaType } from "@/lib/domain/events";
import type { Db } from "../client";
import { requests, type RequestRow } from "../schema";

export type NewRequest = typeof requests.$inferInsert;

export async function findRequestByJellyseerrId({ db, jellyseerrRequestId }: { db: Db; jellyseerrRequestId: number }) {
  const rows = await db.select().from(requests).where(eq(requests.jellyseerrRequestId, jellyseerrRequestId)).limit(1);
  return rows[0] ?? null;
}

/** Every request about the same media (any provider id in common); correlation rules pick among them. */
export async function findRequestsForMedia({ db, media }: { db: Db; media: MediaIds }): Promise<RequestRow[]> {
  const matches: SQL[] = [];
  if (media.tmdbId !== null) matches.push(eq(requests.tmdbId, media.tmdbId));
  if (media.tvdbId !== null) matches.push(eq(requests.tvdbId, media.tvdbId));
  if (media.imdbId !== null) matches.push(eq(requests.imdbId, media.imdbId));
  if (matches.length === 0) return [];
  return db
    .select()
    .from(requests)
    .where(and(eq(requests.mediaType, media.mediaType), or(...matches)))
    .orderBy(asc(requests.id))
    .limit(200);
}

export async function findRequestsByTitleKey({ db, mediaType, titleKey }: { db: Db; mediaType: MediaType; titleKey: string }) {
  return db
    .select()
    .from(requests)
    .where(and(eq(requests.mediaType, mediaType), eq(requests.titleKey, titleKey)))
    .orderBy(asc(requests.id))
    .limit(50);
}

export async function findRequestsByJellyfinItemId({ db, jellyfinItemId }: { db: Db; jellyfinItemId: string }) {
  return db.select().from(requests).where(eq(requests.jellyfinItemId, jellyfinItemId)).orderBy(asc(requests.id)).limit(50);
}

/** Row-locks the requests (in id order) and returns their current state: updates build on what is locked. */
export async function lockRequests({ db, ids }: { db: Db; ids: number[] }): Promise<RequestRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(requests)
    .where(inArray(requests.id, [...new Set(ids)]))
    .orderBy(asc(requests.id))
    .for("update");
}

export async function insertRequest({ db, values }: { db: Db; values: NewRequest }): Promise<RequestRow> {
  const rows = await db.insert(requests).values(values).returning();
  const row = rows[0];
  if (!row) throw new Error("insert into requests returned no row");
  return row;
}

export async function updateRequest({ db, id, values }: { db: Db; id: number; values: Partial<NewRequest> }) {
  await db
    .update(requests)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(requests.id, id));
}

export async function findRequestsByJellyseerrIds({ db, ids }: { db: Db; ids: number[] }): Promise<RequestRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(requests)
    .where(inArray(requests.jellyseerrRequestId, [...new Set(ids)]));
}
