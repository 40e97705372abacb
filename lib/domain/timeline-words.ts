import { type AttentionKind, attentionKinds, attentionLabel } from "./attention";
import { attentionDetail } from "./attention-text";
import { formatBytes } from "./describe";
import { formatEta } from "./durations";
import type { EpisodeNumber, Source } from "./events";

/** The words of a request's story: episode ranges, a download's state, ids kept for the details. */
export type TimelineFact = string | number | boolean | string[];

/** A timeline row as the story needs it: the stored sentence plus the structured facts it was written from. */
export type StoryEntry = {
  seq: number;
  at: string;
  source: Source;
  event: string;
  message: string;
  /** The episodes the event was about; null when the row does not say (a movie, or a row from before). */
  episodes: EpisodeNumber[] | null;
  facts: Record<string, TimelineFact>;
};

export type StoryDetail = { label: string; value: string };

export const str = (v: TimelineFact | undefined) => (typeof v === "string" && v !== "" ? v : null);
export const num = (v: TimelineFact | undefined) => (typeof v === "number" && Number.isFinite(v) ? v : null);

const MAX_RANGES = 4;
const pad = (n: number) => String(n).padStart(2, "0");

/** "S01E01–E06", "S01E01–E03, E05", "S01E01–E12, S02E01–E03"; "30 episodes of season 1" when too scattered. */
export function describeEpisodeRanges(episodes: readonly EpisodeNumber[]): string {
  const bySeason = new Map<number, Set<number>>();
  for (const e of episodes) bySeason.set(e.seasonNumber, (bySeason.get(e.seasonNumber) ?? new Set()).add(e.episodeNumber));
  const seasons = [...bySeason.keys()].sort((a, b) => a - b);
  const parts: string[] = [];
  let ranges = 0;
  let count = 0;
  for (const season of seasons) {
    const numbers = [...(bySeason.get(season) ?? [])].sort((a, b) => a - b);
    count += numbers.length;
    const runs: [number, number][] = [];
    for (const n of numbers) {
      const last = runs[runs.length - 1];
      if (last && n === last[1] + 1) last[1] = n;
      else runs.push([n, n]);
    }
    ranges += runs.length;
    parts.push(runs.map(([a, b], i) => `${i === 0 ? `S${pad(season)}` : ""}E${pad(a)}${b > a ? `–E${pad(b)}` : ""}`).join(", "));
  }
  if (ranges > MAX_RANGES) return seasons.length === 1 ? `${count} episodes of season ${seasons[0]}` : `${count} episodes`;
  return parts.join(", ");
}

/** "43 %, 2.1 MB/s, 4 min left": a download's state in the words every page uses. */
export function describeTransfer(t: { progress: number; speed: number | null; etaSeconds: number | null }): string {
  const speed = t.speed && t.speed > 0 ? `${formatBytes(t.speed)}/s` : "no data flowing";
  return [`${Math.floor(t.progress * 100)} %`, speed, formatEta(t.etaSeconds)].filter(Boolean).join(", ");
}

const detailLabels: [string, string][] = [
  ["release", "Release"],
  ["quality", "Quality"],
  ["indexer", "Indexer"],
  ["size", "Size"],
  ["how", "Found"],
  ["itemId", "Jellyfin item"],
  ["fileId", "Shoko file"],
  ["path", "Path"],
  ["paths", "Files"],
  ["hash", "Download hash"],
  ["downloadId", "Download hash"],
];
const MAX_VALUES = 6;

export function detailsOf(all: StoryEntry[]): StoryDetail[] {
  const values = new Map<string, Set<string>>();
  for (const e of all) {
    for (const [key, label] of detailLabels) {
      const v = e.facts[key];
      const list = Array.isArray(v)
        ? v
        : v === undefined || typeof v === "boolean"
          ? []
          : [key === "size" && typeof v === "number" ? (formatBytes(v) ?? "") : String(v)];
      for (const item of list)
        if (item !== "") values.set(label, (values.get(label) ?? new Set()).add(key === "downloadId" || key === "hash" ? item.toLowerCase() : item));
    }
  }
  const details = [...values].map(([label, set]) => {
    const list = [...set];
    const shown = list.slice(0, MAX_VALUES).join(", ");
    return { label, value: list.length > MAX_VALUES ? `${shown} and ${list.length - MAX_VALUES} more` : shown };
  });
  if (all.length > 1) details.push({ label: "Events", value: String(all.length) });
  return details;
}

/** Provider ids, IMDb ids and hashes: what a diagnosis may quote, and a sentence should not. */
const rawIds = /\b(tmdb|tvdb|imdb|anidb)\b|\btt\d{5,}\b|\b[0-9a-f]{32,}\b/i;

function isAttentionKind(v: TimelineFact | undefined): v is AttentionKind {
  return typeof v === "string" && (attentionKinds as readonly string[]).includes(v);
}

/**
 * A raised attention in words: "Needs attention: Stalled — no seeds". A diagnosis that quotes ids (what the
 * lookup in Jellyfin tried) is summed up by its label, and the diagnosis itself goes to the details.
 */
export function attentionWords(e: StoryEntry): { text: string; details: StoryDetail[] } {
  if (!isAttentionKind(e.facts.kind)) return { text: e.message, details: [] };
  const label = attentionLabel[e.facts.kind];
  const detail = attentionDetail({ kind: e.facts.kind, reason: e.message });
  if (detail === "") return { text: `Needs attention: ${label}`, details: [] };
  if (rawIds.test(detail)) return { text: `Needs attention: ${label}`, details: [{ label: "Diagnosis", value: e.message }] };
  return { text: `Needs attention: ${label} — ${detail}`, details: [] };
}

function isEpisodeNumber(v: unknown): v is EpisodeNumber {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return Number.isInteger(o.seasonNumber) && Number.isInteger(o.episodeNumber);
}

/** A stored row's `data` split into the episodes it was about and its plain facts (never nested objects). */
export function storyFacts(data: Record<string, unknown> | null): Pick<StoryEntry, "episodes" | "facts"> {
  const facts: Record<string, TimelineFact> = {};
  let episodes: EpisodeNumber[] | null = null;
  for (const [key, v] of Object.entries(data ?? {})) {
    if (key === "episodes") {
      if (Array.isArray(v)) episodes = v.filter(isEpisodeNumber).map((e) => ({ seasonNumber: e.seasonNumber, episodeNumber: e.episodeNumber }));
    } else if (typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) facts[key] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === "string")) facts[key] = v as string[];
  }
  return { episodes, facts };
}
