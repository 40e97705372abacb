import type { MediaType } from "@/lib/domain/events";
import type { Stage } from "@/lib/domain/stages";

/**
 * Facts worth a message, derived from a request's current state (pure). Each has a stable key, so deriving
 * them again after a restart, a replayed timeline or a second instance finds nothing new.
 */
export const factKinds = ["ready", "episode", "season_complete", "stuck", "declined", "failed", "digest"] as const;
export type FactKind = (typeof factKinds)[number];

export type Audience = "requester" | "admins" | "requester_and_admins";

export type FactData = {
  requestId: number | null;
  title: string;
  year: number | null;
  mediaType: MediaType | null;
  posterUrl: string | null;
  stage: Stage | null;
  season?: number;
  episode?: number;
  /** The first episode of its season to be ready. */
  first?: boolean;
  reason?: string;
  /** Digest lines. */
  lines?: string[];
};

/**
 * A later episode of an airing season (or the season's completion) belongs to its release day: one message
 * per release day, so it waits (`complete: false`) for the other episodes released that day.
 */
export type ReleaseDay = { day: string; complete: boolean };

export type Fact = { key: string; kind: FactKind; audience: Audience; batch: boolean; data: FactData; release?: ReleaseDay };

export type RequestSnapshot = {
  id: number;
  mediaType: MediaType;
  title: string;
  year: number | null;
  posterUrl: string | null;
  stage: Stage;
  stageTimes: Partial<Record<Stage, string>>;
  attentionKind: string | null;
  attentionReason: string | null;
  attentionSince: Date | null;
};

export type EpisodeSnapshot = {
  seasonNumber: number;
  episodeNumber: number;
  stage: string;
  stageTimes: Partial<Record<Stage, string>>;
  /** Sonarr's air date ("2026-12-01" or an ISO time); null when unknown. */
  airDate?: string | null;
};

/** How long an attention must last before it is worth telling anyone. */
export const STUCK_AFTER_MS = 30 * 60_000;

/**
 * How long a later episode waits for the other episodes of its release day that are still on their way; one
 * that comes later than that gets a message of its own (a stuck one is told about after 30 minutes anyway).
 */
export const RELEASE_DAY_WAIT_MS = 6 * 3_600_000;

/** A season counts as airing while an episode is still to air or one was released in the last week. */
export const AIRING_WITHIN_MS = 7 * 24 * 3_600_000;

const time = (iso: string | undefined): number => (iso ? Date.parse(iso) : Number.NaN);

/** The day an episode was released: its air date, else the (UTC) day it became ready; null when neither is known. */
export function releaseDayOf(e: EpisodeSnapshot): string | null {
  const day = e.airDate?.slice(0, 10) ?? e.stageTimes.available?.slice(0, 10) ?? null;
  return day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null;
}

/** Each release day of an airing season, and whether every episode released that day is ready; null when not airing. */
function releaseDays(list: readonly EpisodeSnapshot[], now: Date): Map<string, boolean> | null {
  const days = new Map<string, boolean>();
  for (const e of list) {
    const day = releaseDayOf(e);
    if (day === null || e.stage === "unmonitored") continue;
    days.set(day, (days.get(day) ?? true) && e.stage === "available");
  }
  const recent = [...days.keys()].some((day) => Date.parse(`${day}T00:00:00Z`) >= now.getTime() - AIRING_WITHIN_MS);
  return list.some((e) => e.stage === "not_aired") || recent ? days : null;
}

function base(r: RequestSnapshot): FactData {
  return { requestId: r.id, title: r.title, year: r.year, mediaType: r.mediaType, posterUrl: r.posterUrl, stage: r.stage };
}

const withRelease = (release: ReleaseDay | undefined): { release?: ReleaseDay } => (release ? { release } : {});

/**
 * What this request has to say. Only things that happened at or after `since` (when notifications were
 * first switched on) count, so an existing library is not announced all at once.
 */
export function deriveFacts(r: RequestSnapshot, episodes: readonly EpisodeSnapshot[], now: Date, since: Date): Fact[] {
  const facts: Fact[] = [];
  const recent = (iso: string | undefined) => time(iso) >= since.getTime();
  if (r.mediaType === "movie" && r.stage === "available" && recent(r.stageTimes.available)) {
    facts.push({ key: `ready:${r.id}`, kind: "ready", audience: "requester", batch: false, data: base(r) });
  }
  if (r.mediaType === "tv") {
    const seasons = new Map<number, EpisodeSnapshot[]>();
    for (const e of episodes) seasons.set(e.seasonNumber, [...(seasons.get(e.seasonNumber) ?? []), e]);
    for (const [season, list] of seasons) {
      const ready = list.filter((e) => e.stage === "available").sort((a, b) => time(a.stageTimes.available) - time(b.stageTimes.available));
      const firstAt = time(ready[0]?.stageTimes.available);
      const airing = releaseDays(list, now);
      const releaseOf = (e: EpisodeSnapshot | undefined): ReleaseDay | undefined => {
        const day = e && airing ? releaseDayOf(e) : null;
        return day === null ? undefined : { day, complete: airing?.get(day) ?? true };
      };
      for (const e of ready) {
        if (!recent(e.stageTimes.available)) continue;
        const first = time(e.stageTimes.available) === firstAt;
        facts.push({
          key: `episode:${r.id}:${season}:${e.episodeNumber}`,
          kind: "episode",
          audience: "requester",
          batch: true,
          data: { ...base(r), season, episode: e.episodeNumber, first },
          ...(first ? {} : withRelease(releaseOf(e))),
        });
      }
      const lastAt = Math.max(...ready.map((e) => time(e.stageTimes.available)));
      if (ready.length === list.length && ready.length > 0 && lastAt >= since.getTime()) {
        facts.push({
          key: `season:${r.id}:${season}`,
          kind: "season_complete",
          audience: "requester",
          batch: true,
          data: { ...base(r), season },
          ...withRelease(releaseOf(ready.at(-1))),
        });
      }
    }
  }
  if (r.attentionKind && r.attentionSince && now.getTime() - r.attentionSince.getTime() >= STUCK_AFTER_MS && r.attentionSince >= since) {
    facts.push({
      key: `stuck:${r.id}:${r.attentionKind}:${r.attentionSince.getTime()}`,
      kind: "stuck",
      audience: "requester_and_admins",
      batch: false,
      data: { ...base(r), reason: r.attentionReason ?? "" },
    });
  }
  if (r.stage === "declined" && recent(r.stageTimes.declined)) {
    facts.push({ key: `declined:${r.id}`, kind: "declined", audience: "requester", batch: false, data: base(r) });
  }
  if (r.stage === "failed" && recent(r.stageTimes.failed)) {
    facts.push({
      key: `failed:${r.id}:${time(r.stageTimes.failed)}`,
      kind: "failed",
      audience: "requester_and_admins",
      batch: false,
      data: { ...base(r), reason: r.attentionReason ?? undefined },
    });
  }
  return facts;
}

/** The admins' daily digest: what waits on them (approvals, attention), or nothing when nothing does. */
export function digestFact(day: string, waiting: { title: string; why: string }[]): Fact | null {
  if (waiting.length === 0) return null;
  const lines = waiting.map((w) => `${w.title}: ${w.why}`);
  const data: FactData = {
    requestId: null,
    title: `${waiting.length} request${waiting.length === 1 ? "" : "s"} waiting on you`,
    year: null,
    mediaType: null,
    posterUrl: null,
    stage: null,
    lines,
  };
  return { key: `digest:${day}`, kind: "digest", audience: "admins", batch: false, data };
}
