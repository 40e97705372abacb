import { stageRank, type ItemStage } from "./stages";

/** What an event proves about one item (a movie or an episode). */
export const signals = [
  "requested",
  "approved",
  "declined",
  "failed",
  "grabbed",
  "download_progress",
  "download_completed",
  "import_blocked",
  "imported",
  "imported_anime",
  "seen_in_library",
  "removed",
] as const;

export type Signal = (typeof signals)[number];

/** The stage each signal proves the item has reached. */
export const signalTarget: Record<Signal, ItemStage> = {
  requested: "requested",
  approved: "approved",
  declined: "declined",
  failed: "failed",
  grabbed: "grabbing",
  download_progress: "downloading",
  download_completed: "downloaded",
  import_blocked: "downloaded",
  imported: "importing",
  imported_anime: "anime_matching",
  seen_in_library: "available",
  removed: "removed",
};

/** Signals that prove real work happened downstream, so they override a decline. */
const provesWork: ReadonlySet<Signal> = new Set<Signal>([
  "grabbed",
  "download_progress",
  "download_completed",
  "import_blocked",
  "imported",
  "imported_anime",
  "seen_in_library",
]);

/**
 * The next stage of an item after a signal, or null when the signal changes nothing.
 * Forward-only with skipping; declined/failed only from the decision stages; a failure is left by an
 * explicit retry (approved) or by new work; a decline only by new work. A delete upstream ends an item from
 * any stage; only new work (a grab, an import) revives it.
 */
export function nextStage(current: ItemStage | null, signal: Signal): ItemStage | null {
  const target = signalTarget[signal];
  if (current === null) return target;
  if (current === target) return null;
  if (target === "removed") return target;
  if (current === "removed") return provesWork.has(signal) ? target : null;
  if (target === "declined" || target === "failed") {
    return current === "requested" || current === "approved" ? target : null;
  }
  if (current === "declined") return provesWork.has(signal) ? target : null;
  // A new request notification after a failure is stale news; only a retry (approve) or real work leaves it.
  if (current === "failed") return signal === "approved" || provesWork.has(signal) ? target : null;
  return stageRank[target] > stageRank[current] ? target : null;
}
