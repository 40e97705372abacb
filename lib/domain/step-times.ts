import { stageRank, type Stage } from "./stages";

/**
 * When each reached step of the flow was reached. A request starts at `createdAt` (Requested has no stamp
 * of its own when Jellyseerr's first word was already "approved"), and a step that was skipped — the torrent
 * was complete at first sight, say — was passed when the next stamped step after it was reached.
 */
export function stepTimes<S extends Stage>(
  steps: readonly S[],
  reached: (step: S) => boolean,
  stageTimes: Partial<Record<Stage, string>>,
  createdAt: string,
): Partial<Record<S, string>> {
  const stamped = (Object.entries(stageTimes) as [Stage, string | undefined][])
    .filter((e): e is [Stage, string] => typeof e[1] === "string" && Number.isFinite(Date.parse(e[1])))
    .sort((a, b) => stageRank[a[0]] - stageRank[b[0]]);
  const out: Partial<Record<S, string>> = {};
  for (const step of steps) {
    if (!reached(step)) continue;
    const own = stageTimes[step];
    if (own) out[step] = own;
    else if (step === "requested") out[step] = createdAt;
    else {
      const later = stamped.filter(([s]) => stageRank[s] > stageRank[step]).sort((a, b) => Date.parse(a[1]) - Date.parse(b[1]))[0];
      out[step] = later?.[1] ?? createdAt;
    }
  }
  return out;
}
