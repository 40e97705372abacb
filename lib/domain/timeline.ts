/** The timeline event the download poller writes on every change of a torrent's progress. */
export const PROGRESS_EVENT = "download.progress";

export type TimelineLine = { seq: number; event: string; downloadHash: string | null };

/**
 * Progress ticks are transient: a request's story keeps every milestone but only the latest progress line
 * of each download (an hour-long download would otherwise add a line every poll).
 */
export function collapseProgress<T extends TimelineLine>(lines: readonly T[]): T[] {
  const latest = new Map<string, number>();
  for (const line of lines) {
    if (line.event === PROGRESS_EVENT && line.downloadHash) {
      latest.set(line.downloadHash, Math.max(latest.get(line.downloadHash) ?? 0, line.seq));
    }
  }
  return lines.filter((l) => l.event !== PROGRESS_EVENT || !l.downloadHash || latest.get(l.downloadHash) === l.seq);
}
