import { stageRank, type Stage } from "./stages";

export const attentionKinds = [
  "stalled",
  "import_blocked",
  "not_found_in_library",
  "match_failed",
  "upstream_error",
] as const;

export type AttentionKind = (typeof attentionKinds)[number];

export type Attention = {
  kind: AttentionKind;
  reason: string;
  since: Date;
  /** The stage the item was in when the problem was seen; progress past it resolves the problem. */
  stage: Stage;
};

export const attentionLabel: Record<AttentionKind, string> = {
  stalled: "Stalled",
  import_blocked: "Import blocked",
  not_found_in_library: "Not in library",
  match_failed: "Not matched",
  upstream_error: "Service error",
};

/** Attention after the item moved to `stage`: cleared once the item got past where the problem was seen. */
export function attentionAfter(current: Attention | null, stage: Stage): Attention | null {
  if (!current) return null;
  return stageRank[stage] > stageRank[current.stage] ? null : current;
}
