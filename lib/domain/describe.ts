import type { EpisodeRef } from "./events";

const pad = (n: number) => String(n).padStart(2, "0");

/** "S01E05", "S01E01–E12", "S01E01–S02E03", or "14 episodes" when they are scattered. */
export function describeEpisodes(refs: readonly Pick<EpisodeRef, "seasonNumber" | "episodeNumber">[]): string {
  if (refs.length === 0) return "";
  const sorted = [...refs].sort((a, b) => a.seasonNumber - b.seasonNumber || a.episodeNumber - b.episodeNumber);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const label = (e: typeof first) => `S${pad(e.seasonNumber)}E${pad(e.episodeNumber)}`;
  if (sorted.length === 1) return label(first);
  const contiguous = sorted.every(
    (e, i) => i === 0 || (e.seasonNumber === sorted[i - 1]!.seasonNumber && e.episodeNumber === sorted[i - 1]!.episodeNumber + 1),
  );
  if (contiguous) return `${label(first)}–E${pad(last.episodeNumber)}`;
  const seasons = new Set(sorted.map((e) => e.seasonNumber));
  if (seasons.size === 1) return `${sorted.length} episodes of season ${first.seasonNumber}`;
  return `${sorted.length} episodes`;
}

export function formatBytes(bytes: number | null): string | null {
  if (bytes === null || bytes <= 0) return null;
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value >= 10 || unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** "Frieren", "The Matrix (1999)" → a key that ignores case, punctuation and spacing. */
export function titleKey(title: string): string {
  return title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]/gu, "");
}
