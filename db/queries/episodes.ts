import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { episodes, type EpisodeRow } from "../schema";

export type NewEpisode = typeof episodes.$inferInsert;

export async function listEpisodesForRequests({ db, requestIds }: { db: Db; requestIds: number[] }): Promise<EpisodeRow[]> {
  if (requestIds.length === 0) return [];
  return db.select().from(episodes).where(inArray(episodes.requestId, requestIds)).orderBy(asc(episodes.seasonNumber), asc(episodes.episodeNumber));
}

export async function findEpisodeRequestIds({ db, tvdbId }: { db: Db; tvdbId: number }): Promise<number[]> {
  const rows = await db.selectDistinct({ requestId: episodes.requestId }).from(episodes).where(eq(episodes.tvdbId, tvdbId));
  return rows.map((r) => r.requestId);
}

export async function findRequestIdsByDownloadHash({ db, hash }: { db: Db; hash: string }): Promise<number[]> {
  const rows = await db.selectDistinct({ requestId: episodes.requestId }).from(episodes).where(eq(episodes.downloadHash, hash));
  return rows.map((r) => r.requestId);
}

/** Inserts new episodes and updates changed ones: one statement each, whatever the number of episodes. */
export async function saveEpisodes({ db, inserts, updates }: { db: Db; inserts: NewEpisode[]; updates: EpisodeRow[] }) {
  if (inserts.length > 0) {
    await db
      .insert(episodes)
      .values(inserts)
      .onConflictDoNothing({ target: [episodes.requestId, episodes.seasonNumber, episodes.episodeNumber] });
  }
  if (updates.length === 0) return;
  const rows = sql.join(
    updates.map(
      (e) =>
        sql`(${e.id}::int, ${e.title}::text, ${e.airDate}::text, ${e.tvdbId}::int, ${e.arrEpisodeId}::int, ${e.stage}::text, ${e.downloadHash}::text, ${e.jellyfinItemId}::text, ${JSON.stringify(e.stageTimes)}::jsonb)`,
    ),
    sql`, `,
  );
  await db.execute(sql`
    update ${episodes} as e set
      title = v.title, air_date = v.air_date, tvdb_id = v.tvdb_id, arr_episode_id = v.arr_episode_id, stage = v.stage,
      download_hash = v.download_hash, jellyfin_item_id = v.jellyfin_item_id, stage_times = v.stage_times, updated_at = now()
    from (values ${rows}) as v(id, title, air_date, tvdb_id, arr_episode_id, stage, download_hash, jellyfin_item_id, stage_times)
    where e.id = v.id`);
}
