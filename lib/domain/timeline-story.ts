import type { EpisodeNumber, MediaType, Source } from "./events";
import { PROGRESS_EVENT } from "./timeline";
import { attentionWords, describeEpisodeRanges, describeTransfer, detailsOf, num, type StoryDetail, type StoryEntry, str } from "./timeline-words";

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

const service: Partial<Record<Source, string>> = { sonarr: "Sonarr", radarr: "Radarr", qbittorrent: "qBittorrent", shoko: "Shoko" };
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

const hashOf = (e: StoryEntry) => (str(e.facts.hash) ?? str(e.facts.downloadId))?.toLowerCase() ?? null;

function progressText(e: StoryEntry, mediaType: MediaType): string {
  const transfer = describeTransfer({ progress: num(e.facts.progress) ?? 0, speed: num(e.facts.speed), etaSeconds: num(e.facts.etaSeconds) });
  return `Downloading ${subject(e.episodes, mediaType).what}: ${transfer}`;
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
