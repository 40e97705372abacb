import { isPreGrab, pipelineStages, stageRank, type PipelineStage, type Stage } from "@/lib/domain/stages";

/** The steps this request goes through: Shoko's matching step only for anime. */
export function flowSteps(isAnime: boolean): PipelineStage[] {
  return pipelineStages.filter((s) => isAnime || s !== "anime_matching");
}

export type StepState = "done" | "current" | "todo";

export function stepState(step: PipelineStage, stage: Stage): StepState {
  if (stage === "declined" || stage === "failed" || stage === "removed") return "todo";
  // Not aired yet, searching or not monitored: approved, waiting for a release.
  const current: Stage = isPreGrab(stage) && stage !== "requested" ? "approved" : stage;
  if (current === "partially_available") return step === "available" ? "current" : "done";
  if (step === current) return current === "available" ? "done" : "current";
  return stageRank[step] < stageRank[current] ? "done" : "todo";
}
