import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { findDownload } from "@/db/queries/downloads";
import { sqlOf } from "@/db/raw";
import { createHash } from "node:crypto";
import { listEpisodesForRequests } from "@/db/queries/episodes";
import {
  findRequestsByJellyfinItemId,
  findRequestsByTitleKey,
  lockRequestByJellyseerrId,
  lockRequests,
  lockRequestsForEpisode,
  lockRequestsForMedia,
  lockRequestsHoldingDownload,
} from "@/db/queries/requests";
import { resetTables } from "../helpers/db";

/**
 * Every lookup a webhook makes to find what it is about must stay cheap as the library grows: on a household's
 * library (here 2,000 movies and 1,000 series with five episodes and a download each) none of them may read a
 * whole table. Each runs in a transaction of its own, whose counters (pg_stat_xact_user_tables) say how the table
 * was read.
 */
const MOVIES = 2000;
const SERIES = 1000;

async function seedLibrary(db: Db): Promise<void> {
  await db.execute(sql`
    insert into requests (source, media_type, jellyseerr_request_id, tmdb_id, tvdb_id, imdb_id, title, title_key, own_stage, stage, jellyfin_item_id)
    select 'jellyseerr', case when g <= ${MOVIES} then 'movie' else 'tv' end, g, 10000 + g,
      case when g > ${MOVIES} then 20000 + g end, 'tt' || (1000000 + g), 'Title ' || g, 'title ' || g, 'available', 'available',
      md5(g::text)
    from generate_series(1, ${MOVIES + SERIES}) g`);
  await db.execute(sql`
    insert into episodes (request_id, season_number, episode_number, tvdb_id, stage, download_hash)
    select r.id, 1, e, 100000 + r.id * 10 + e, 'available', md5('dl' || r.id)
    from requests r cross join generate_series(1, 5) e where r.media_type = 'tv'`);
  await db.execute(sql`
    insert into downloads (hash, request_id, source, status, progress)
    select md5('dl' || id), id, 'radarr', 'imported', 1 from requests`);
  await db.execute(sql`analyze requests, episodes, downloads`);
}

type Reads = { table: string; seqScans: number; indexScans: number; rowsRead: number };

async function scansOf(tx: Db, table: string): Promise<Reads> {
  const [row] = await sqlOf(tx)<{ seq_scan: string; idx_scan: string; rows_read: string }[]>`
    select seq_scan, idx_scan, seq_tup_read + idx_tup_fetch as rows_read from pg_stat_xact_user_tables where relname = ${table}`;
  return { table, seqScans: Number(row?.seq_scan ?? 0), indexScans: Number(row?.idx_scan ?? 0), rowsRead: Number(row?.rows_read ?? 0) };
}

/**
 * How one lookup read `table`. The view's counters are the connection's not yet reported to the statistics, earlier
 * transactions' included, and are not reported inside a transaction: so the difference across the lookup.
 */
async function readsOf(table: string, lookup: (tx: Db) => Promise<unknown>): Promise<Reads> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await scansOf(tx, table);
    await lookup(tx);
    const after = await scansOf(tx, table);
    return {
      table,
      seqScans: after.seqScans - before.seqScans,
      indexScans: after.indexScans - before.indexScans,
      rowsRead: after.rowsRead - before.rowsRead,
    };
  });
}

const movieId = MOVIES - 7;
const seriesId = MOVIES + 11;

/** A series' torrent: five episodes and the download row hold it. */
const seriesHash = createHash("md5").update(`dl${seriesId}`).digest("hex");

/** [lookup, table, how, rows it may read (default 10)] */
const lookups: [string, string, (tx: Db) => Promise<unknown>, number?][] = [
  [
    "a movie by tmdb id",
    "requests",
    (db) => lockRequestsForMedia({ db, media: { mediaType: "movie", tmdbId: 10000 + movieId, tvdbId: null, imdbId: null } }),
  ],
  [
    "a movie by tmdb or imdb id (Radarr)",
    "requests",
    (db) => lockRequestsForMedia({ db, media: { mediaType: "movie", tmdbId: 10000 + movieId, tvdbId: null, imdbId: `tt${1000000 + movieId}` } }),
  ],
  [
    "a movie by imdb id alone",
    "requests",
    (db) => lockRequestsForMedia({ db, media: { mediaType: "movie", tmdbId: null, tvdbId: null, imdbId: "tt1000042" } }),
  ],
  [
    "a series by tvdb, tmdb or imdb id (Sonarr)",
    "requests",
    (db) =>
      lockRequestsForMedia({ db, media: { mediaType: "tv", tmdbId: 10000 + seriesId, tvdbId: 20000 + seriesId, imdbId: `tt${1000000 + seriesId}` } }),
  ],
  ["a request by Jellyseerr request id", "requests", (db) => lockRequestByJellyseerrId({ db, jellyseerrRequestId: movieId })],
  ["a request's episodes by Jellyseerr request id", "episodes", (db) => lockRequestByJellyseerrId({ db, jellyseerrRequestId: seriesId })],
  [
    "a series' episodes by its ids",
    "episodes",
    (db) => lockRequestsForMedia({ db, media: { mediaType: "tv", tmdbId: null, tvdbId: 20000 + seriesId, imdbId: null } }),
  ],
  ["requests by title", "requests", (db) => findRequestsByTitleKey({ db, mediaType: "movie", titleKey: `title ${movieId}` })],
  ["requests by Jellyfin item", "requests", (db) => findRequestsByJellyfinItemId({ db, jellyfinItemId: "c4ca4238a0b923820dcc509a6f75849b" })],
  ["requests locked by id", "requests", (db) => lockRequests({ db, ids: [movieId, seriesId] })],
  ["a series' episodes", "episodes", (db) => listEpisodesForRequests({ db, requestIds: [seriesId] })],
  // Both statements find the episode, and the second reads the request's five as well.
  ["requests by episode tvdb id, with their episodes", "episodes", (db) => lockRequestsForEpisode({ db, tvdbId: 100000 + seriesId * 10 + 3 }), 15],
  ["requests by episode tvdb id, locked", "requests", (db) => lockRequestsForEpisode({ db, tvdbId: 100000 + seriesId * 10 + 3 })],
  // Both statements find the five episodes holding it, and the second reads the request's five again.
  ["requests holding a download, with their episodes", "episodes", (db) => lockRequestsHoldingDownload({ db, hash: seriesHash }), 15],
  ["requests holding a download, locked", "requests", (db) => lockRequestsHoldingDownload({ db, hash: seriesHash })],
  ["requests holding a download, by its row", "downloads", (db) => lockRequestsHoldingDownload({ db, hash: seriesHash })],
  ["requests holding an unknown download", "episodes", (db) => lockRequestsHoldingDownload({ db, hash: "0123456789abcdef0123456789abcdef" })],
  ["a download by hash", "downloads", (db) => findDownload({ db, hash: "0123456789abcdef0123456789abcdef" })],
];

describe("the webhook path's lookups on a large library", () => {
  beforeAll(async () => {
    await resetTables();
    await seedLibrary(await getDb());
  });

  // An index on a column the lookup does not narrow by (media_type alone) would also avoid a sequential scan while
  // reading every series: so the rows read count too (a lookup here matches at most a series' five episodes).
  it.each(lookups)("%s reads %s through an index", async (_, table, lookup, maxRows = 10) => {
    const reads = await readsOf(table, lookup);
    expect(reads).toMatchObject({ table, seqScans: 0 });
    expect(reads.indexScans).toBeGreaterThan(0);
    expect(reads.rowsRead).toBeLessThanOrEqual(maxRows);
  });
});
