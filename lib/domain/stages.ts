/** Every stage a request or an episode can be in. Order of the on-track ones is the pipeline order. */
export const stages = [
  "requested",
  "approved",
  "not_aired",
  "searching",
  "unmonitored",
  "grabbing",
  "downloading",
  "downloaded",
  "importing",
  "anime_matching",
  "available",
  "partially_available",
  "declined",
  "failed",
  "removed",
] as const;

export type Stage = (typeof stages)[number];

/** Stages an individual item (a movie, an episode) moves through; `partially_available` is an aggregate only. */
export type ItemStage = Exclude<Stage, "partially_available">;

/**
 * An episode's stages before anything is grabbed, from Sonarr's episode list: it has not aired yet, it aired
 * and Sonarr looks for it, or Sonarr does not monitor it (it then does not count towards completeness).
 */
export const preGrabStages = ["requested", "approved", "not_aired", "searching", "unmonitored"] as const satisfies readonly ItemStage[];

export const pipelineStages = [
  "requested",
  "approved",
  "grabbing",
  "downloading",
  "downloaded",
  "importing",
  "anime_matching",
  "available",
] as const satisfies readonly Stage[];

export type PipelineStage = (typeof pipelineStages)[number];

/**
 * Rank along the pipeline. Off-track stages rank below `requested` so any real progress moves past them,
 * and `partially_available` sits between the last in-progress stage and `available`.
 */
export const stageRank: Record<Stage, number> = {
  removed: -3,
  declined: -2,
  failed: -1,
  requested: 0,
  approved: 1,
  unmonitored: 1.1,
  not_aired: 1.2,
  searching: 1.3,
  grabbing: 2,
  downloading: 3,
  downloaded: 4,
  importing: 5,
  anime_matching: 6,
  partially_available: 6.5,
  available: 7,
};

export function isStage(value: unknown): value is Stage {
  return typeof value === "string" && (stages as readonly string[]).includes(value);
}

/** A request in one of these needs nothing more from the pipeline. */
export function isFinished(stage: Stage): boolean {
  return stage === "available" || stage === "declined" || stage === "removed";
}

export function isPreGrab(stage: Stage): boolean {
  return (preGrabStages as readonly Stage[]).includes(stage);
}

export function maxStage<S extends Stage>(a: S, b: S): S {
  return stageRank[b] > stageRank[a] ? b : a;
}
