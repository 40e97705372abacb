import { attentionKinds, attentionLabel, type AttentionKind } from "./attention";
import { attentionDetail } from "./attention-text";
import { formatBytes } from "./describe";
import { formatEta } from "./durations";
import type { EpisodeNumber, MediaType, Source } from "./events";
import { PROGRESS_EVENT } from "./timeline";

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

/** One line of the story: one happening, however many rows (episodes, deliveries) it took. */
export type StoryLine = {
  /** The first row's seq: stable while later rows fold into the line. */
  key: number;
  seqs: number[];
  at: string;
  lastAt: string;
  source: Source;
  event: string;
  text: string;
  /** Raw ids and names, for the "details" disclosure. */
  details: StoryDetail[];
};

/** Rows of one kind further apart than this start a new line (a straggler grabbed the next day is news). */
export const FOLD_GAP_MS = 2 * 60 * 60 * 1000;

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

const service: Partial<Record<Source, string>> = { sonarr: "Sonarr", radarr: "Radarr", qbittorrent: "qBittorrent", shoko: "Shoko" };
const str = (v: TimelineFact | undefined) => (typeof v === "string" && v !== "" ? v : null);
const num = (v: TimelineFact | undefined) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type Subject = { what: string; plural: boolean };

function subject(episodes: readonly EpisodeNumber[] | null, mediaType: MediaType): Subject {
  if (episodes && episodes.length > 0) return { what: describeEpisodeRanges(episodes), plural: episodes.length > 1 };
  return { what: mediaType === "movie" ? "the movie" : "the series", plural: false };
}

/** How the events that fold are worded; `group` says which rows may share a line. */
type Folding = { group: (e: StoryEntry) => string; say: (s: Subject, first: StoryEntry, all: StoryEntry[]) => string };

const distinct = (all: StoryEntry[], key: string) => [...new Set(all.map((e) => str(e.facts[key])).filter((v): v is string => v !== null))];

const folding: Record<string, Folding> = {
  "release.grabbed": {
    group: (e) => `grab:${e.source}:${e.facts.upgrade === true}`,
    say: (s, first, all) => {
      const quality = distinct(all, "quality");
      return `${service[first.source] ?? "It"} grabbed ${first.facts.upgrade === true ? "an upgrade for " : ""}${s.what}${quality.length > 0 ? ` (${quality.join(", ")})` : ""}`;
    },
  },
  "download.completed": { group: () => "completed", say: (s) => `Finished downloading ${s.what}` },
  "release.imported": {
    group: (e) => `import:${e.source}:${e.facts.upgrade === true}`,
    say: (s, first) => `${service[first.source] ?? "It"} imported ${first.facts.upgrade === true ? "an upgrade of " : ""}${s.what}`,
  },
  "import.blocked": {
    group: (e) => `blocked:${e.source}:${str(e.facts.reason) ?? e.seq}`,
    say: (s, first) => `${service[first.source] ?? "It"} could not import ${s.what}${str(first.facts.reason) ? `: ${str(first.facts.reason)}` : ""}`,
  },
  "library.item_added": { group: () => "ready", say: (s) => `${capital(s.what)} ${s.plural ? "are" : "is"} in Jellyfin, ready to watch` },
  "anime.matched": { group: () => "matched", say: (s) => `Shoko matched ${s.what}` },
};
folding["library.verified"] = folding["library.item_added"] as Folding;

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

function detailsOf(all: StoryEntry[]): StoryDetail[] {
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

const hashOf = (e: StoryEntry) => (str(e.facts.hash) ?? str(e.facts.downloadId))?.toLowerCase() ?? null;

function progressText(e: StoryEntry, mediaType: MediaType): string {
  const parts = [`${Math.floor((num(e.facts.progress) ?? 0) * 100)} %`];
  const speed = num(e.facts.speed);
  parts.push(speed && speed > 0 ? `${formatBytes(speed)}/s` : "no data flowing");
  const eta = formatEta(num(e.facts.etaSeconds));
  if (eta) parts.push(eta);
  return `Downloading ${subject(e.episodes, mediaType).what}: ${parts.join(", ")}`;
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
function attentionWords(e: StoryEntry): { text: string; details: StoryDetail[] } {
  if (!isAttentionKind(e.facts.kind)) return { text: e.message, details: [] };
  const label = attentionLabel[e.facts.kind];
  const detail = attentionDetail({ kind: e.facts.kind, reason: e.message });
  if (detail === "") return { text: `Needs attention: ${label}`, details: [] };
  if (rawIds.test(detail)) return { text: `Needs attention: ${label}`, details: [{ label: "Diagnosis", value: e.message }] };
  return { text: `Needs attention: ${label} — ${detail}`, details: [] };
}

type Open = { line: StoryLine; all: StoryEntry[]; episodes: Map<string, EpisodeNumber>; lastMs: number; folding: Folding };

const episodeKey = (e: EpisodeNumber) => `${e.seasonNumber}x${e.episodeNumber}`;

/**
 * The request's story, oldest first, one line per happening: rows of the same kind close in time fold into
 * one line ("Sonarr imported S01E01–E06"), "ready to watch" is said once per episode (Jellyfin's webhook and
 * the tracker's own lookup both report it), a download's progress shows only its latest state and only
 * while it runs, and sentences are written from the facts instead of the raw ids, which go to `details`.
 */
export function tellStory(entries: readonly StoryEntry[], mediaType: MediaType): StoryLine[] {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const finished = new Set<string>();
  const latestProgress = new Map<string, number>();
  for (const e of sorted) {
    const hash = hashOf(e);
    if (!hash) continue;
    if (e.event === PROGRESS_EVENT) latestProgress.set(hash, e.seq);
    else if (e.event === "download.completed" || e.event === "release.imported") finished.add(hash);
  }

  const lines: StoryLine[] = [];
  const open = new Map<string, Open>();
  const groups: Open[] = [];
  const ready = new Set<string>();
  let last: StoryEntry | null = null;

  for (const e of sorted) {
    const at = Date.parse(e.at);
    const rule = folding[e.event];
    const structured = rule && (e.episodes !== null || mediaType === "movie");
    if (e.event === PROGRESS_EVENT) {
      const hash = hashOf(e);
      if (hash && (finished.has(hash) || latestProgress.get(hash) !== e.seq)) continue;
      lines.push({
        key: e.seq,
        seqs: [e.seq],
        at: e.at,
        lastAt: e.at,
        source: e.source,
        event: e.event,
        text: progressText(e, mediaType),
        details: detailsOf([e]),
      });
      last = e;
      continue;
    }
    if (!rule || !structured) {
      // Words only: said once, however many times in a row it was recorded.
      if (last && last.event === e.event && last.message === e.message) continue;
      const words = e.event === "attention.raised" ? attentionWords(e) : { text: e.message, details: [] };
      lines.push({
        key: e.seq,
        seqs: [e.seq],
        at: e.at,
        lastAt: e.at,
        source: e.source,
        event: e.event,
        text: words.text,
        details: [...words.details, ...detailsOf([e])],
      });
      last = e;
      continue;
    }

    let episodes = e.episodes && e.episodes.length > 0 ? e.episodes : null;
    const isReady = e.event === "library.item_added" || e.event === "library.verified";
    if (e.event === "release.imported") for (const ep of episodes ?? [{ seasonNumber: -1, episodeNumber: -1 }]) ready.delete(episodeKey(ep));
    if (isReady) {
      const keys = episodes ?? [{ seasonNumber: -1, episodeNumber: -1 }];
      const fresh = keys.filter((ep) => !ready.has(episodeKey(ep)));
      if (fresh.length === 0) continue;
      for (const ep of fresh) ready.add(episodeKey(ep));
      if (episodes) episodes = fresh;
    }

    const group = rule.group(e);
    const current = open.get(group);
    if (current && at - current.lastMs <= FOLD_GAP_MS) {
      current.all.push(e);
      for (const ep of episodes ?? []) current.episodes.set(episodeKey(ep), ep);
      current.lastMs = at;
      current.line.seqs.push(e.seq);
      current.line.lastAt = e.at;
    } else {
      const line: StoryLine = { key: e.seq, seqs: [e.seq], at: e.at, lastAt: e.at, source: e.source, event: e.event, text: "", details: [] };
      const started: Open = { line, all: [e], episodes: new Map((episodes ?? []).map((ep) => [episodeKey(ep), ep])), lastMs: at, folding: rule };
      open.set(group, started);
      groups.push(started);
      lines.push(line);
    }
    last = e;
  }

  for (const o of groups) {
    const first = o.all[0] as StoryEntry;
    const eps = [...o.episodes.values()];
    o.line.text = o.folding.say(subject(eps.length > 0 ? eps : null, mediaType), first, o.all);
    o.line.details = detailsOf(o.all);
  }
  return lines;
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
