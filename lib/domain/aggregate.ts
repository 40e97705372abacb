import { maxStage, stageRank, type ItemStage, type Stage } from "./stages";

export type EpisodeState = { seasonNumber: number; stage: ItemStage };

export type StageCounts = Partial<Record<Stage, number>>;

export function countStages(episodes: readonly EpisodeState[]): StageCounts {
  const counts: StageCounts = {};
  for (const e of episodes) counts[e.stage] = (counts[e.stage] ?? 0) + 1;
  return counts;
}

/**
 * A tv request's stage from its episodes: `available` only when every tracked episode is available and
 * every requested season has episodes; `partially_available` when some are; otherwise the furthest stage
 * in progress. With no episodes yet, the request's own stage stands.
 */
export function aggregateTvStage(input: {
  ownStage: ItemStage;
  episodes: readonly EpisodeState[];
  requestedSeasons: readonly number[];
}): Stage {
  const { ownStage, episodes, requestedSeasons } = input;
  if (episodes.length === 0) return ownStage;

  const available = episodes.filter((e) => e.stage === "available").length;
  const seasonsSeen = new Set(episodes.map((e) => e.seasonNumber));
  const everySeasonSeen = requestedSeasons.every((s) => seasonsSeen.has(s));

  if (available === episodes.length && everySeasonSeen) return "available";
  if (available > 0) return "partially_available";

  const onTrack = episodes.filter((e) => stageRank[e.stage] >= 0);
  if (onTrack.length === 0) return episodes.some((e) => e.stage === "failed") ? "failed" : ownStage;
  let furthest: ItemStage = stageRank[ownStage] >= 0 ? ownStage : "requested";
  for (const e of onTrack) furthest = maxStage(furthest, e.stage);
  return furthest;
}

/** Size-weighted progress across a request's torrents, 0..1, or null when nothing is being downloaded. */
export function weightedProgress(downloads: readonly { size: number | null; progress: number }[]): number | null {
  if (downloads.length === 0) return null;
  const sized = downloads.filter((d) => (d.size ?? 0) > 0);
  if (sized.length === 0) {
    return downloads.reduce((sum, d) => sum + d.progress, 0) / downloads.length;
  }
  const total = sized.reduce((sum, d) => sum + (d.size ?? 0), 0);
  const done = sized.reduce((sum, d) => sum + (d.size ?? 0) * d.progress, 0);
  return Math.min(1, Math.max(0, done / total));
}
