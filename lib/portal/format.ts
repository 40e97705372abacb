import { formatBytes } from "@/lib/domain/describe";
import type { Stage } from "@/lib/domain/stages";

export { formatDuration } from "@/lib/domain/durations";

export function formatSpeed(bytesPerSecond: number | null): string | null {
  const b = formatBytes(bytesPerSecond);
  return b ? `${b}/s` : null;
}

export function formatPercent(progress: number): string {
  return `${Math.floor(progress * 100)} %`;
}

/** "2 min ago" in the viewer's language. */
export function formatRelative(iso: string, now: number, locale?: string): string {
  const diff = (Date.parse(iso) - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const abs = Math.abs(diff);
  if (abs < 45) return rtf.format(Math.round(diff), "second");
  if (abs < 45 * 60) return rtf.format(Math.round(diff / 60), "minute");
  if (abs < 22 * 3600) return rtf.format(Math.round(diff / 3600), "hour");
  return rtf.format(Math.round(diff / 86400), "day");
}

const notCounted: ReadonlySet<string> = new Set(["not_aired", "unmonitored", "removed"]);

const countWords: [Stage, string][] = [
  ["searching", "searching"],
  ["downloading", "downloading"],
  ["grabbing", "grabbed"],
  ["downloaded", "downloaded"],
  ["importing", "importing"],
  ["anime_matching", "matching"],
  ["approved", "waiting"],
  ["requested", "requested"],
  ["failed", "failed"],
  ["not_aired", "not aired yet"],
  ["unmonitored", "not monitored"],
  ["removed", "removed"],
];

/**
 * "3 of 6 ready · 2 downloading · 1 importing" from per-stage episode counts; episodes that do not count
 * towards completeness (not aired, not monitored, removed) are named after the total instead of in it.
 */
export function describeEpisodeCounts(counts: Partial<Record<Stage, number>>, listKnown = true): string {
  const total = Object.entries(counts).reduce((a, [s, n]) => a + (notCounted.has(s) ? 0 : (n ?? 0)), 0);
  const aside = Object.entries(counts).reduce((a, [s, n]) => a + (notCounted.has(s) ? (n ?? 0) : 0), 0);
  if (total + aside === 0) return "no episodes yet";
  const ready = counts.available ?? 0;
  // Without Sonarr's episode list the season's size is unknown: say how many are ready, never "n of n".
  const parts = [listKnown ? `${ready} of ${total} ready` : `${ready} episode${ready === 1 ? "" : "s"} ready`];
  for (const [stage, word] of countWords) {
    const n = counts[stage] ?? 0;
    if (n > 0) parts.push(`${n} ${word}`);
  }
  return parts.join(" · ");
}
