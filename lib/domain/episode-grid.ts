import { stagePresentation } from "./presentation";
import type { Stage } from "./stages";

/** Grid order of the stages an episode can be in: ready first, then how close to ready, then the set-asides. */
export const episodeStageOrder = [
  "available",
  "anime_matching",
  "importing",
  "downloaded",
  "downloading",
  "grabbing",
  "searching",
  "approved",
  "requested",
  "not_aired",
  "unmonitored",
  "failed",
  "declined",
  "removed",
] as const satisfies readonly Stage[];

/** How a chip is drawn besides its colour: unaired ones dashed, unmonitored ones faded, as the legend says. */
export type ChipLook = "solid" | "dashed" | "faded";

export const chipLook: Record<Stage, ChipLook> = {
  requested: "solid",
  approved: "solid",
  not_aired: "dashed",
  searching: "solid",
  unmonitored: "faded",
  grabbing: "solid",
  downloading: "solid",
  downloaded: "solid",
  importing: "solid",
  anime_matching: "solid",
  available: "solid",
  partially_available: "solid",
  declined: "faded",
  failed: "solid",
  removed: "faded",
};

export type GridEpisode = { seasonNumber: number; episodeNumber: number; stage: Stage; title: string | null; downloadHash: string | null };

export const episodeCode = (e: Pick<GridEpisode, "seasonNumber" | "episodeNumber">) =>
  `S${String(e.seasonNumber).padStart(2, "0")}E${String(e.episodeNumber).padStart(2, "0")}`;

/** Progress is shown only while the episode's own torrent is being fetched. */
export function chipPercent(e: Pick<GridEpisode, "stage">, progress: number | null | undefined): number | null {
  if (progress === null || progress === undefined || (e.stage !== "grabbing" && e.stage !== "downloading")) return null;
  return Math.floor(Math.min(1, Math.max(0, progress)) * 100);
}

/** What a screen reader hears for a chip: "Episode 3, Downloading, 43 %". */
export function chipText(e: Pick<GridEpisode, "episodeNumber" | "stage">, percent: number | null): string {
  return `Episode ${e.episodeNumber}, ${stagePresentation[e.stage].label}${percent === null ? "" : `, ${percent} %`}`;
}

export type SeasonSegment = { stage: Stage; count: number; share: number };

/** A season's episodes per stage, in grid order, with each stage's share of the season (for its bar). */
export function seasonSegments(episodes: readonly Pick<GridEpisode, "stage">[]): SeasonSegment[] {
  const counts = new Map<Stage, number>();
  for (const e of episodes) counts.set(e.stage, (counts.get(e.stage) ?? 0) + 1);
  const total = episodes.length;
  return episodeStageOrder
    .filter((s) => counts.has(s))
    .map((stage) => {
      const count = counts.get(stage) ?? 0;
      return { stage, count, share: total === 0 ? 0 : count / total };
    });
}

export function stageCounts(episodes: readonly Pick<GridEpisode, "stage">[]): Partial<Record<Stage, number>> {
  return Object.fromEntries(seasonSegments(episodes).map((s) => [s.stage, s.count]));
}

/** The legend: the stages the grid shows, in grid order (a legend of absent stages is noise). */
export function legendStages(episodes: readonly Pick<GridEpisode, "stage">[]): Stage[] {
  const present = new Set(episodes.map((e) => e.stage));
  return episodeStageOrder.filter((s) => present.has(s));
}

/**
 * An air date as an instant to format in the viewer's locale. Sonarr gives a calendar day ("2023-10-06"),
 * which is pinned to UTC noon and formatted in UTC so no zone moves it to the day before or after.
 */
export function airDateInstant(airDate: string | null): { iso: string; calendarDay: boolean } | null {
  if (!airDate) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(airDate)) return { iso: `${airDate}T12:00:00.000Z`, calendarDay: true };
  return Number.isFinite(Date.parse(airDate)) ? { iso: airDate, calendarDay: false } : null;
}
