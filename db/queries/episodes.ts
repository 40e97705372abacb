import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { episodes, type EpisodeRow } from "../schema";

export type NewEpisode = typeof episodes.$inferInsert;

export async function listEpisodesForRequests({ db, requestIds }: { db: Db; requestIds: number[] }): Promise<EpisodeRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .select()
    .from(episodes)
    .where(inArray(episodes.requestId, requestIds))
    .orderBy(asc(episodes.seasonNumber), asc(episodes.episodeNumber));
}

export async function findEpisodeRequestIds({ db, tvdbId }: { db: Db; tvdbId: number }): Promise<number[]> {
  const rows = await db.selectDistinct({ requestId: episodes.requestId }).from(episodes).where(eq(episodes.tvdbId, tvdbId));
  return rows.map((r) => r.requestId);
}

export async function findRequestIdsByDownloadHash({ db, hash }: { db: Db; hash: string }): Promise<number[]> {
  const rows = await db
    .selectDistinct({ requestId: episodes.requestId })
    .from(episodes)
    .where(eq(episodes.downloadHash, hash));
  return rows.map((r) => r.requestId);
}

/** Inserts new episodes and updates changed ones in one statement per kind. */
export async function saveEpisodes({ db, inserts, updates }: { db: Db; inserts: NewEpisode[]; updates: EpisodeRow[] }) {
  if (inserts.length > 0) {
    await db
      .insert(episodes)
      .values(inserts)
      .onConflictDoNothing({ target: [episodes.requestId, episodes.seasonNumber, episodes.episodeNumber] });
  }
  for (const e of updates) {
    await db
      .update(episodes)
      .set({
        title: e.title,
        airDate: e.airDate,
        tvdbId: e.tvdbId,
        arrEpisodeId: e.arrEpisodeId,
        stage: e.stage,
        downloadHash: e.downloadHash,
        jellyfinItemId: e.jellyfinItemId,
        stageTimes: e.stageTimes,
        updatedAt: sql`now()`,
      })
      .where(and(eq(episodes.id, e.id)));
  }
}
