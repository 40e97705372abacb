import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { MediaIds } from "@/lib/domain/correlate";
import type { MediaType } from "@/lib/domain/events";
import type { Db } from "../client";
import { driverValues, readRow, readRows, sqlOf } from "../raw";
import { requests, type RequestRow } from "../schema";

export type NewRequest = typeof requests.$inferInsert;

// The webhook hot path's statements (correlation, lock and write) are hand-written and prepared: see db/raw.ts.

export async function findRequestByJellyseerrId({ db, jellyseerrRequestId }: { db: Db; jellyseerrRequestId: number }) {
  const [row] = await sqlOf(db)`select * from requests where jellyseerr_request_id = ${jellyseerrRequestId} limit 1`;
  return row ? readRow(requests, row) : null;
}

/** Every request about the same media (any provider id in common); correlation rules pick among them. */
export async function findRequestsForMedia({ db, media }: { db: Db; media: MediaIds }): Promise<RequestRow[]> {
  const sql = sqlOf(db);
  // Only the known ids, so each index can serve its arm; at most seven statement texts, each prepared once.
  const arms = [
    media.tmdbId === null ? null : sql`tmdb_id = ${media.tmdbId}`,
    media.tvdbId === null ? null : sql`tvdb_id = ${media.tvdbId}`,
    media.imdbId === null ? null : sql`imdb_id = ${media.imdbId}`,
  ].filter((arm) => arm !== null);
  const [first, ...rest] = arms;
  if (!first) return [];
  const match = rest.reduce((acc, arm) => sql`${acc} or ${arm}`, first);
  const rows = await sql`select * from requests where media_type = ${media.mediaType} and (${match}) order by id limit 200`;
  return readRows(requests, rows);
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
  const rows = await sqlOf(db)`select * from requests where id = any(${[...new Set(ids)]}::int[]) order by id for update`;
  return readRows(requests, rows);
}

export async function insertRequest({ db, values }: { db: Db; values: NewRequest }): Promise<RequestRow> {
  const sql = sqlOf(db);
  const [row] = await sql`insert into requests ${sql(driverValues(requests, values))} returning *`;
  if (!row) throw new Error("insert into requests returned no row");
  return readRow(requests, row);
}

export async function updateRequest({ db, id, values }: { db: Db; id: number; values: Partial<NewRequest> }) {
  const sql = sqlOf(db);
  const { updated_at: _, ...set } = driverValues(requests, values);
  await sql`update requests set ${sql(set)}, updated_at = now() where id = ${id}`;
}

export async function findRequestsByJellyseerrIds({ db, ids }: { db: Db; ids: number[] }): Promise<RequestRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(requests)
    .where(inArray(requests.jellyseerrRequestId, [...new Set(ids)]));
}
