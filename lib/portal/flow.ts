import { pipelineStages, stageRank, type PipelineStage, type Stage } from "@/lib/domain/stages";

/** The steps this request goes through: Shoko's matching step only for anime. */
export function flowSteps(isAnime: boolean): PipelineStage[] {
  return pipelineStages.filter((s) => isAnime || s !== "anime_matching");
}

export type StepState = "done" | "current" | "todo";

export function stepState(step: PipelineStage, current: Stage): StepState {
  if (current === "declined" || current === "failed" || current === "removed") return "todo";
  if (current === "partially_available") return step === "available" ? "current" : "done";
  if (step === current) return current === "available" ? "done" : "current";
  return stageRank[step] < stageRank[current] ? "done" : "todo";
}
