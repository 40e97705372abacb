import { type AttentionKind, attentionLabel } from "./attention";
import { formatElapsed } from "./durations";

export type AttentionFacts = { kind: AttentionKind; reason: string; since: string | null };

/**
 * The reason without a leading copy of the label: "Stalled: no seeds" under the label "Stalled" reads
 * "no seeds", so the line does not say "Stalled" twice.
 */
export function attentionDetail(a: Pick<AttentionFacts, "kind" | "reason">): string {
  const reason = a.reason.trim();
  const label = attentionLabel[a.kind].toLowerCase();
  const colon = reason.indexOf(":");
  if (colon > 0 && reason.slice(0, colon).trim().toLowerCase() === label) return reason.slice(colon + 1).trim();
  return reason;
}

/**
 * "Stalled for 2 h — no seeds": what is wrong, since when and why, in one line a phone shows in full.
 * Without `now` (before the page knows the viewer's clock) the duration is left out.
 */
export function attentionSummary(a: AttentionFacts, now: number | null): string {
  const since = a.since === null ? Number.NaN : Date.parse(a.since);
  const duration = now !== null && Number.isFinite(since) ? ` for ${formatElapsed((now - since) / 1000)}` : "";
  const detail = attentionDetail(a);
  return `${attentionLabel[a.kind]}${duration}${detail ? ` — ${detail}` : ""}`;
}
