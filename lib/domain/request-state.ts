import { aggregateTvStage, countStages, type StageCounts } from "./aggregate";
import { attentionAfter, type Attention } from "./attention";
import type { EpisodeRef, MediaType } from "./events";
import { nextStage, type Signal } from "./transitions";
import { isPreGrab, type ItemStage, type Stage } from "./stages";

type StageTimes = Partial<Record<Stage, string>>;

export type EpisodeState = {
  id: number | null;
  seasonNumber: number;
  episodeNumber: number;
  title: string | null;
  airDate: string | null;
  tvdbId: number | null;
  arrEpisodeId: number | null;
  stage: ItemStage;
  downloadHash: string | null;
  jellyfinItemId: string | null;
  stageTimes: StageTimes;
  changed: boolean;
};

/** A working copy of one request and its episodes; the ingest layer loads it, mutates it here, saves it. */
export type RequestState = {
  id: number;
  mediaType: MediaType;
  ownStage: ItemStage;
  stage: Stage;
  requestedSeasons: number[];
  /** Sonarr's episode list of the requested seasons has been read: only then can a season be complete. */
  listKnown: boolean;
  attention: Attention | null;
  stageTimes: StageTimes;
  episodes: Map<string, EpisodeState>;
};

export function episodeKey(seasonNumber: number, episodeNumber: number): string {
  return `${seasonNumber}x${episodeNumber}`;
}

function stamp(times: StageTimes, stage: Stage, now: Date): StageTimes {
  return times[stage] ? times : { ...times, [stage]: now.toISOString() };
}

function newEpisode(ref: EpisodeRef): EpisodeState {
  return {
    id: null,
    seasonNumber: ref.seasonNumber,
    episodeNumber: ref.episodeNumber,
    title: null,
    airDate: null,
    tvdbId: null,
    arrEpisodeId: null,
    stage: "requested",
    downloadHash: null,
    jellyfinItemId: null,
    stageTimes: {},
    changed: true,
  };
}

/** Applies a signal to the request's own stage (a movie, or a tv request's decision stage). */
export function signalOwn(state: RequestState, signal: Signal): boolean {
  const next = nextStage(state.ownStage, signal);
  if (!next) return false;
  state.ownStage = next;
  return true;
}

/**
 * Applies a signal to the given episodes, creating rows for ones not seen before. Returns how many
 * episodes changed stage. `patch` sets per-episode facts that come with the signal (hash, library id).
 */
export function signalEpisodes(
  state: RequestState,
  refs: readonly EpisodeRef[],
  signal: Signal,
  now: Date,
  patch: { downloadHash?: string | null; jellyfinItemId?: string | null } = {},
): number {
  let changedStages = 0;
  for (const ref of refs) {
    const key = episodeKey(ref.seasonNumber, ref.episodeNumber);
    const existing = state.episodes.get(key);
    const episode: EpisodeState = existing ?? newEpisode(ref);
    const facts = {
      title: ref.title ?? episode.title,
      airDate: ref.airDate ?? episode.airDate,
      tvdbId: ref.tvdbId ?? episode.tvdbId,
      arrEpisodeId: ref.arrEpisodeId ?? episode.arrEpisodeId,
      downloadHash: patch.downloadHash ?? episode.downloadHash,
      jellyfinItemId: patch.jellyfinItemId ?? episode.jellyfinItemId,
    };
    for (const [k, v] of Object.entries(facts) as [keyof typeof facts, string | number | null][]) {
      if (episode[k] !== v) {
        (episode as Record<string, unknown>)[k] = v;
        episode.changed = true;
      }
    }
    const next = existing ? nextStage(episode.stage, signal) : nextStage(null, signal);
    if (next && (next !== episode.stage || !existing)) {
      episode.stage = next;
      episode.stageTimes = stamp(episode.stageTimes, next, now);
      episode.changed = true;
      changedStages += 1;
    }
    state.episodes.set(key, episode);
  }
  return changedStages;
}

/** Episodes of the request that a download holds. */
export function episodesOfDownload(state: RequestState, hash: string): EpisodeRef[] {
  return [...state.episodes.values()].filter((e) => e.downloadHash === hash).map((e) => ({ ...e }));
}

/** Recomputes the shown stage, stamps when it was reached, and clears attention the progress resolved. */
export function settle(state: RequestState, now: Date): { before: Stage; after: Stage; counts: StageCounts | null } {
  const before = state.stage;
  const episodes = [...state.episodes.values()];
  const after =
    state.mediaType === "movie"
      ? state.ownStage
      : aggregateTvStage({ ownStage: state.ownStage, episodes, requestedSeasons: state.requestedSeasons, listKnown: state.listKnown });
  state.stage = after;
  state.stageTimes = stamp(state.stageTimes, after, now);
  state.attention = attentionAfter(state.attention, after);
  return { before, after, counts: state.mediaType === "tv" ? countStages(episodes) : null };
}

/** One entry of Sonarr's episode list: the facts that place an episode before anything is grabbed. */
export type ListedEpisode = EpisodeRef & { monitored: boolean; airDateUtc: string | null };

/** Where an episode nothing was grabbed for stands: not monitored, not aired yet (or no date), or searched for. */
export function preGrabStage(e: Pick<ListedEpisode, "monitored" | "airDateUtc">, now: Date): ItemStage {
  if (!e.monitored) return "unmonitored";
  if (!e.airDateUtc || Date.parse(e.airDateUtc) > now.getTime()) return "not_aired";
  return "searching";
}

/**
 * Takes in Sonarr's episode list: every listed episode of a requested season becomes (or stays) a row with its
 * facts; an episode nothing was grabbed for yet gets its pre-grab stage, later stages are left alone. Season 0
 * (specials) counts only when requested by number. Returns how many episodes were added or changed stage.
 */
export function takeEpisodeList(state: RequestState, listed: readonly ListedEpisode[], now: Date): number {
  const seasons = state.requestedSeasons;
  let changed = 0;
  for (const l of listed) {
    if (seasons.length > 0 ? !seasons.includes(l.seasonNumber) : l.seasonNumber === 0) continue;
    const key = episodeKey(l.seasonNumber, l.episodeNumber);
    const existing = state.episodes.get(key);
    const stage = preGrabStage(l, now);
    const episode: EpisodeState = existing ?? { ...newEpisode(l), stage, stageTimes: { [stage]: now.toISOString() } };
    const facts = {
      title: l.title ?? episode.title,
      airDate: l.airDateUtc ?? episode.airDate,
      tvdbId: l.tvdbId ?? episode.tvdbId,
      arrEpisodeId: l.arrEpisodeId ?? episode.arrEpisodeId,
    };
    for (const [k, v] of Object.entries(facts) as [keyof typeof facts, string | number | null][]) {
      if (episode[k] !== v) {
        (episode as Record<string, unknown>)[k] = v;
        episode.changed = true;
      }
    }
    if (!existing) changed += 1;
    else if (isPreGrab(episode.stage) && episode.stage !== stage) {
      episode.stage = stage;
      episode.stageTimes = { ...episode.stageTimes, [stage]: now.toISOString() };
      episode.changed = true;
      changed += 1;
    }
    state.episodes.set(key, episode);
  }
  state.listKnown = true;
  return changed;
}

/** Applies a delete upstream: the given episodes (or, with none given, the whole request) become removed. */
export function removeItems(state: RequestState, refs: readonly EpisodeRef[] | null, now: Date): number {
  if (refs === null) {
    let n = signalOwn(state, "removed") ? 1 : 0;
    for (const e of state.episodes.values()) n += signalEpisodes(state, [e], "removed", now);
    return n;
  }
  return signalEpisodes(
    state,
    refs.filter((r) => state.episodes.has(episodeKey(r.seasonNumber, r.episodeNumber))),
    "removed",
    now,
  );
}
