import { stageRank, type Stage } from "./stages";

export const attentionKinds = ["stalled", "import_blocked", "not_found_in_library", "match_failed", "upstream_error"] as const;

export type AttentionKind = (typeof attentionKinds)[number];

export type Attention = {
  kind: AttentionKind;
  reason: string;
  since: Date;
  /** The stage the item was in when the problem was seen; progress past it resolves the problem. */
  stage: Stage;
  /** The upstream's own words (Sonarr's queue message, a webhook's reason) rather than the tracker's guess. */
  specific: boolean;
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

export type AttentionFinding = { kind: AttentionKind; reason: string; specific: boolean };

/**
 * The attention after a diagnosis, or null when the diagnosis changes nothing (DESIGN §2 rule 4): one
 * attention at a time; the same reason again, or a generic guess while the upstream's own reason stands,
 * leaves it as it is. A changed reason for the same cause keeps its `since`.
 */
export function raiseAttention(current: Attention | null, finding: AttentionFinding, stage: Stage, now: Date): Attention | null {
  if (current) {
    if (current.kind === finding.kind && current.reason === finding.reason) return null;
    if (current.specific && !finding.specific) return null;
  }
  const since = current?.kind === finding.kind ? current.since : now;
  return { kind: finding.kind, reason: finding.reason, since, stage, specific: finding.specific };
}
