import { stageRank, type ItemStage, type Stage } from "./stages";

export type EpisodeState = { seasonNumber: number; stage: ItemStage };

export type StageCounts = Partial<Record<Stage, number>>;

export function countStages(episodes: readonly EpisodeState[]): StageCounts {
  const counts: StageCounts = {};
  for (const e of episodes) counts[e.stage] = (counts[e.stage] ?? 0) + 1;
  return counts;
}

/** Episodes that do not (yet) count towards completeness: not aired, or not monitored by Sonarr. */
const notDue: ReadonlySet<ItemStage> = new Set<ItemStage>(["not_aired", "unmonitored"]);

/** The least advanced of on-track stages. */
function bottleneck(episodes: readonly EpisodeState[]): ItemStage | null {
  let least: ItemStage | null = null;
  for (const e of episodes) {
    if (stageRank[e.stage] < 0) continue;
    if (least === null || stageRank[e.stage] < stageRank[least]) least = e.stage;
  }
  return least;
}

/**
 * A tv request's stage from its episodes (DESIGN §2 rule 2). Among the requested, aired, monitored episodes
 * that are not available yet, the least advanced one is the headline (the bottleneck). When none is left:
 * `available` only if Sonarr's episode list is known, nothing is still to air and every requested season has
 * episodes; else `partially_available` (some ready), `not_aired` (nothing aired yet) or `unmonitored`.
 * With no episodes yet, the request's own stage stands; a request whose episodes were all deleted is `removed`.
 */
export function aggregateTvStage(input: {
  ownStage: ItemStage;
  episodes: readonly EpisodeState[];
  requestedSeasons: readonly number[];
  listKnown: boolean;
}): Stage {
  const { ownStage, requestedSeasons, listKnown } = input;
  if (input.episodes.length === 0) return ownStage;
  const episodes = input.episodes.filter((e) => e.stage !== "removed");
  if (episodes.length === 0) return "removed";

  const due = episodes.filter((e) => !notDue.has(e.stage));
  const ready = due.filter((e) => e.stage === "available").length;
  const pending = due.filter((e) => e.stage !== "available");
  if (pending.length > 0) return bottleneck(pending) ?? (ready > 0 ? "partially_available" : "failed");
  if (ready === 0) return episodes.some((e) => e.stage === "not_aired") ? "not_aired" : "unmonitored";

  const seasonsSeen = new Set(episodes.map((e) => e.seasonNumber));
  const complete = listKnown && !episodes.some((e) => e.stage === "not_aired") && requestedSeasons.every((s) => seasonsSeen.has(s));
  return complete ? "available" : "partially_available";
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
