import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { downloads, episodes, type DownloadRow, type EpisodeRow, type RequestRow } from "@/db/schema";
import type { ItemStage } from "@/lib/domain/stages";
import { isStuck, stageSince, type Thresholds } from "./thresholds";

/** One thing the sweep can check: a movie, an episode, or a tv request before it has episodes. */
export type SweepItem = { stage: ItemStage; since: Date | null; hash: string | null; episode: EpisodeRow | null };

export type RequestSnapshot = { row: RequestRow; episodes: EpisodeRow[]; downloads: DownloadRow[] };

export async function snapshot(db: Db, row: RequestRow): Promise<RequestSnapshot> {
  const eps = await db.select().from(episodes).where(eq(episodes.requestId, row.id));
  const hashes = [...new Set(eps.map((e) => e.downloadHash).filter((h): h is string => h !== null))];
  const byRequest = await db.select().from(downloads).where(eq(downloads.requestId, row.id));
  const byHash = hashes.length > 0 ? await db.select().from(downloads).where(inArray(downloads.hash, hashes)) : [];
  const all = new Map([...byRequest, ...byHash].map((d) => [d.hash, d]));
  return { row, episodes: eps, downloads: [...all.values()] };
}

/** Per-item truth (rule 2): episodes for tv, the request itself for a movie; only those past their stage's threshold. */
export function stuckItems(snap: RequestSnapshot, now: Date, thresholds: Thresholds, scale: number): SweepItem[] {
  const { row } = snap;
  let items: SweepItem[];
  if (row.mediaType === "movie") {
    const active = snap.downloads.filter((d) => d.status !== "failed");
    const newest = active.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    items = [{ stage: row.ownStage, since: stageSince(row.stageTimes, row.ownStage), hash: newest?.hash ?? null, episode: null }];
  } else if (snap.episodes.length === 0) {
    items = [{ stage: row.ownStage, since: stageSince(row.stageTimes, row.ownStage), hash: null, episode: null }];
  } else {
    items = snap.episodes.map((e) => ({ stage: e.stage, since: stageSince(e.stageTimes, e.stage), hash: e.downloadHash, episode: e }));
  }
  return items.filter((i) => isStuck({ stage: i.stage, since: i.since, now, thresholds, scale }));
}
