import "server-only";
import type { Db } from "../client";
import { readRows, sqlOf } from "../raw";
import { episodes, type EpisodeRow } from "../schema";

export type NewEpisode = typeof episodes.$inferInsert;

// Every statement here runs on the webhook hot path: hand-written, one text each, prepared (see db/raw.ts).

export async function listEpisodesForRequests({ db, requestIds }: { db: Db; requestIds: number[] }): Promise<EpisodeRow[]> {
  if (requestIds.length === 0) return [];
  const rows = await sqlOf(db)`
    select * from episodes where request_id = any(${requestIds}::int[]) order by season_number, episode_number`;
  return readRows(episodes, rows);
}

/** One JSON record per episode, by column name, for jsonb_populate_recordset. */
function record(e: NewEpisode | EpisodeRow) {
  return {
    id: "id" in e ? e.id : null,
    request_id: e.requestId,
    season_number: e.seasonNumber,
    episode_number: e.episodeNumber,
    title: e.title ?? null,
    air_date: e.airDate ?? null,
    tvdb_id: e.tvdbId ?? null,
    arr_episode_id: e.arrEpisodeId ?? null,
    stage: e.stage,
    download_hash: e.downloadHash ?? null,
    jellyfin_item_id: e.jellyfinItemId ?? null,
    stage_times: e.stageTimes ?? {},
  };
}

/**
 * Inserts new episodes and updates changed ones: one statement each, whatever the number of episodes (the rows go
 * as one JSON parameter, so the statement text never changes).
 */
export async function saveEpisodes({ db, inserts, updates }: { db: Db; inserts: NewEpisode[]; updates: EpisodeRow[] }) {
  const sql = sqlOf(db);
  const writes: Promise<unknown>[] = [];
  if (inserts.length > 0) {
    writes.push(sql`
      insert into episodes (request_id, season_number, episode_number, title, air_date, tvdb_id, arr_episode_id, stage,
        download_hash, jellyfin_item_id, stage_times)
      select request_id, season_number, episode_number, title, air_date, tvdb_id, arr_episode_id, stage,
        download_hash, jellyfin_item_id, stage_times
      from jsonb_populate_recordset(null::episodes, ${JSON.stringify(inserts.map(record))}::jsonb)
      on conflict (request_id, season_number, episode_number) do nothing`);
  }
  if (updates.length > 0) {
    writes.push(sql`
      update episodes as e set
        title = v.title, air_date = v.air_date, tvdb_id = v.tvdb_id, arr_episode_id = v.arr_episode_id, stage = v.stage,
        download_hash = v.download_hash, jellyfin_item_id = v.jellyfin_item_id, stage_times = v.stage_times, updated_at = now()
      from jsonb_populate_recordset(null::episodes, ${JSON.stringify(updates.map(record))}::jsonb) as v
      where e.id = v.id`);
  }
  await Promise.all(writes);
}
