import { stageRank, type Stage } from "./stages";

/** Orders the active list can be read in; `requested` (newest request first) is the default. */
export const activeSortKeys = ["requested", "title", "type", "requester", "stage", "progress", "updated"] as const;
export type ActiveSortKey = (typeof activeSortKeys)[number];
export type ActiveSort = { key: ActiveSortKey; desc: boolean };

export const defaultActiveSort: ActiveSort = { key: "requested", desc: true };

export const activeSortLabel: Record<ActiveSortKey, string> = {
  requested: "Request time",
  title: "Title",
  type: "Type",
  requester: "Requested by",
  stage: "Stage",
  progress: "Progress",
  updated: "Last change",
};

/**
 * Keys whose values change while the list is on screen. Sorting by them live would move rows under the
 * reader's finger, so the order they give is taken once (when chosen, or at load) and then kept.
 */
const volatileKeys: ReadonlySet<ActiveSortKey> = new Set<ActiveSortKey>(["stage", "progress", "updated"]);

export type Orderable = {
  id: number;
  title: string;
  mediaType: string;
  requestedBy: string | null;
  stage: Stage;
  progress: number | null;
  createdAt: string;
  updatedAt: string;
  attention: { since: string | null } | null;
};

function isSortKey(value: string): value is ActiveSortKey {
  return (activeSortKeys as readonly string[]).includes(value);
}

/** "title.asc" → a sort; anything unknown is the default (old links named columns that no longer sort). */
export function parseActiveSort(value: string | null | undefined): ActiveSort {
  const [key = "", dir] = (value ?? "").split(".");
  if (!isSortKey(key)) return defaultActiveSort;
  return { key, desc: dir === undefined ? key !== "title" && key !== "type" && key !== "requester" : dir !== "asc" };
}

export function activeSortParam(sort: ActiveSort): string {
  return `${sort.key}.${sort.desc ? "desc" : "asc"}`;
}

const time = (iso: string) => Date.parse(iso) || 0;

function value(r: Orderable, key: ActiveSortKey): number | string {
  switch (key) {
    case "requested":
      return time(r.createdAt);
    case "title":
      return r.title.toLocaleLowerCase();
    case "type":
      return r.mediaType;
    case "requester":
      return (r.requestedBy ?? "").toLocaleLowerCase();
    case "stage":
      return stageRank[r.stage];
    case "progress":
      return r.progress ?? -1;
    case "updated":
      return time(r.updatedAt);
  }
}

/** The sort's comparison; ties fall back to the newest request first, then the id, so it is total. */
export function compareActive(sort: ActiveSort): (a: Orderable, b: Orderable) => number {
  return (a, b) => {
    const va = value(a, sort.key);
    const vb = value(b, sort.key);
    const primary = typeof va === "string" && typeof vb === "string" ? va.localeCompare(vb) : Number(va) - Number(vb);
    if (primary !== 0) return sort.desc ? -primary : primary;
    return time(b.createdAt) - time(a.createdAt) || b.id - a.id;
  };
}

/** Rank of each row under the sort, taken now: what keeps a volatile order still afterwards. */
export function freezeOrder(rows: readonly Orderable[], sort: ActiveSort): Map<number, number> {
  return new Map([...rows].sort(compareActive(sort)).map((r, i) => [r.id, i]));
}

function pinnedSince(r: Orderable): number {
  return r.attention?.since ? time(r.attention.since) : Number.POSITIVE_INFINITY;
}

/**
 * The active list's order: requests that need attention first (the longest-troubled on top), then the rest
 * by the chosen sort. A volatile sort follows the `frozen` ranks, so a change shows in place instead of
 * moving the row; rows that arrived since (no rank yet) come first, as the newest things on the list.
 */
export function orderActive<T extends Orderable>(rows: readonly T[], sort: ActiveSort, frozen: ReadonlyMap<number, number> | null): T[] {
  const pinned = rows.filter((r) => r.attention !== null).sort((a, b) => pinnedSince(a) - pinnedSince(b) || a.id - b.id);
  const rest = rows.filter((r) => r.attention === null);
  const compare = compareActive(sort);
  if (!volatileKeys.has(sort.key) || frozen === null) return [...pinned, ...rest.sort(compare)];
  const fresh = rest.filter((r) => !frozen.has(r.id)).sort(compareActive(defaultActiveSort));
  const known = rest.filter((r) => frozen.has(r.id)).sort((a, b) => (frozen.get(a.id) ?? 0) - (frozen.get(b.id) ?? 0));
  return [...pinned, ...fresh, ...known];
}

const directionWords: Record<ActiveSortKey, { asc: string; desc: string }> = {
  requested: { desc: "newest first", asc: "oldest first" },
  title: { asc: "A–Z", desc: "Z–A" },
  type: { asc: "movies first", desc: "TV first" },
  requester: { asc: "A–Z", desc: "Z–A" },
  stage: { desc: "furthest along first", asc: "least along first" },
  progress: { desc: "most done first", asc: "least done first" },
  updated: { desc: "latest first", asc: "oldest first" },
};

/** Every order the sort control offers, worded for people ("Title, A–Z"), with its URL value. */
export const activeSortOptions: { value: string; label: string }[] = activeSortKeys.flatMap((key) =>
  (["desc", "asc"] as const).map((dir) => ({ value: `${key}.${dir}`, label: `${activeSortLabel[key]}, ${directionWords[key][dir]}` })),
);

type Changeable = Pick<Orderable, "stage"> & {
  attention: { kind: string; reason: string } | null;
  episodeCounts: Partial<Record<Stage, number>> | null;
};

/**
 * Whether a live update changed what a reader of the list would notice (stage, attention, episodes per stage),
 * as opposed to a progress tick: only such a change is pointed out where the row stands.
 */
export function isNoticeableChange(prev: Changeable, next: Changeable): boolean {
  if (prev.stage !== next.stage) return true;
  if ((prev.attention?.kind ?? null) !== (next.attention?.kind ?? null) || (prev.attention?.reason ?? null) !== (next.attention?.reason ?? null))
    return true;
  const a = prev.episodeCounts ?? {};
  const b = next.episodeCounts ?? {};
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<Stage>;
  return [...keys].some((k) => (a[k] ?? 0) !== (b[k] ?? 0));
}
