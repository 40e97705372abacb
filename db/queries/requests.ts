import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { MediaIds } from "@/lib/domain/correlate";
import type { MediaType } from "@/lib/domain/events";
import type { PendingQuery, Row, Sql } from "postgres";
import type { Db } from "../client";
import { driverValues, readRow, readRows, sqlOf } from "../raw";
import { episodes, requests, type EpisodeRow, type RequestRow } from "../schema";

export type NewRequest = typeof requests.$inferInsert;

// The webhook hot path's statements (correlation, lock and write) are hand-written and prepared: see db/raw.ts.

/** Rows a transaction locked, with their episodes read after the lock: what the webhook path's context loads. */
export type LockedRequests = { rows: RequestRow[]; episodes: EpisodeRow[] };

/**
 * A lock of request rows and the read of their episodes, sent together in that order: the server runs them in order,
 * so the episodes are read once the rows are locked, in the same round trip.
 */
async function lockedWithEpisodes(locking: PendingQuery<Row[]>, reading: PendingQuery<Row[]>): Promise<LockedRequests> {
  const [rows, found] = await Promise.all([locking, reading]);
  return { rows: readRows(requests, rows), episodes: readRows(episodes, found) };
}

/** `tmdb_id = … or tvdb_id = …`: only the known ids, so each index can serve its arm (at most seven statement texts). */
function mediaMatch(sql: Sql, media: MediaIds) {
  const arms = [
    media.tmdbId === null ? null : sql`tmdb_id = ${media.tmdbId}`,
    media.tvdbId === null ? null : sql`tvdb_id = ${media.tvdbId}`,
    media.imdbId === null ? null : sql`imdb_id = ${media.imdbId}`,
  ].filter((arm) => arm !== null);
  const [first, ...rest] = arms;
  return first ? rest.reduce((acc, arm) => sql`${acc} or ${arm}`, first) : null;
}

/**
 * Every request about the same media (any provider id in common; correlation rules pick among them), locked in id
 * order, and their episodes, read in the same round trip: the server runs the two in order, so the episodes are read
 * once the rows are locked.
 */
export async function lockRequestsForMedia({ db, media }: { db: Db; media: MediaIds }): Promise<LockedRequests> {
  const sql = sqlOf(db);
  const match = mediaMatch(sql, media);
  const again = mediaMatch(sql, media); // a fragment belongs to one statement
  if (!match || !again) return { rows: [], episodes: [] };
  return lockedWithEpisodes(
    sql`select * from requests where media_type = ${media.mediaType} and (${match}) order by id limit 200 for update`,
    sql`
      select * from episodes where request_id in (
        select id from requests where media_type = ${media.mediaType} and (${again}) order by id limit 200)
      order by season_number, episode_number`,
  );
}

/** The request Jellyseerr knows by this id, locked, and its episodes, in one round trip (see lockRequestsForMedia). */
export async function lockRequestByJellyseerrId({ db, jellyseerrRequestId }: { db: Db; jellyseerrRequestId: number }): Promise<LockedRequests> {
  const sql = sqlOf(db);
  return lockedWithEpisodes(
    sql`select * from requests where jellyseerr_request_id = ${jellyseerrRequestId} for update`,
    sql`
      select * from episodes where request_id in (select id from requests where jellyseerr_request_id = ${jellyseerrRequestId})
      order by season_number, episode_number`,
  );
}

/** Requests whose ids `ids` selects, locked in id order, and their episodes (the subquery is made once per statement). */
function lockRequestsIn(sql: Sql, ids: () => PendingQuery<Row[]>): Promise<LockedRequests> {
  return lockedWithEpisodes(
    sql`select * from requests where id in (${ids()}) order by id for update`,
    sql`select * from episodes where request_id in (${ids()}) order by season_number, episode_number`,
  );
}

/**
 * Requests with an episode that has this TVDB id, locked, and their episodes, in one round trip (see
 * lockRequestsForMedia): a Jellyfin episode finds its requests and loads them without a lookup of its own.
 */
export async function lockRequestsForEpisode({ db, tvdbId }: { db: Db; tvdbId: number }): Promise<LockedRequests> {
  const sql = sqlOf(db);
  return lockRequestsIn(sql, () => sql`select request_id from episodes where tvdb_id = ${tvdbId}`);
}

/**
 * The requests a torrent feeds (the one that grabbed it and those with episodes in it), locked, and their episodes, in
 * one round trip (see lockRequestsForMedia).
 */
export async function lockRequestsHoldingDownload({ db, hash }: { db: Db; hash: string }): Promise<LockedRequests> {
  const sql = sqlOf(db);
  return lockRequestsIn(
    sql,
    () => sql`select request_id from episodes where download_hash = ${hash} union select request_id from downloads where hash = ${hash}`,
  );
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
