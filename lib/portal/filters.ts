import type { MediaType } from "@/lib/domain/events";
import { isStage, stages, type Stage } from "@/lib/domain/stages";

export const historyStages = ["available", "failed", "declined", "removed"] as const satisfies readonly Stage[];
export type HistoryStage = (typeof historyStages)[number];

/** Stages that belong on the active page: every stage that is not history. */
export const activeStages: readonly Exclude<Stage, HistoryStage>[] = stages.filter(
  (s): s is Exclude<Stage, HistoryStage> => !(historyStages as readonly Stage[]).includes(s),
);

export type ActiveFilters = {
  stages: Stage[];
  type: MediaType | null;
  requester: string | null;
  mine: boolean;
  q: string;
};

type Params = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** URL → filters. Unknown values are dropped rather than failing the page. */
export function parseActiveFilters(params: Params): ActiveFilters {
  const stageParam = first(params.stage) ?? "";
  const stageList = stageParam.split(",").filter(isStage);
  const type = first(params.type);
  const requester = first(params.requester)?.trim().slice(0, 200);
  return {
    stages: stageList.filter((s) => (activeStages as readonly Stage[]).includes(s)),
    type: type === "movie" || type === "tv" ? type : null,
    requester: requester || null,
    mine: first(params.mine) === "1",
    q: (first(params.q) ?? "").trim().slice(0, 200),
  };
}

export function filtersToParams(f: ActiveFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.stages.length > 0) p.set("stage", f.stages.join(","));
  if (f.type) p.set("type", f.type);
  if (f.requester) p.set("requester", f.requester);
  if (f.mine) p.set("mine", "1");
  if (f.q) p.set("q", f.q);
  return p;
}

export function hasFilters(f: ActiveFilters): boolean {
  return f.stages.length > 0 || f.type !== null || f.requester !== null || f.mine || f.q !== "";
}

type Matchable = { title: string; mediaType: MediaType; stage: Stage; requestedBy: string | null };

const sameName = (a: string | null, b: string) => a !== null && a.toLocaleLowerCase() === b.toLocaleLowerCase();

/**
 * Whether a request belongs in the filtered list: the same rules the server query applies, so a live
 * update adds, keeps or drops a row exactly as a reload would. `keepFinished` keeps a row that was on
 * screen and just finished, so it does not vanish under the reader's finger.
 */
export function matchesFilters(r: Matchable, f: ActiveFilters, viewerNames: readonly string[] | null, keepFinished = false): boolean {
  const stageOk = f.stages.length > 0 ? f.stages.includes(r.stage) : keepFinished || (activeStages as readonly Stage[]).includes(r.stage);
  if (!stageOk) return false;
  if (f.type && r.mediaType !== f.type) return false;
  if (f.requester && !sameName(r.requestedBy, f.requester)) return false;
  // The viewer's aliases (lower-case names and e-mails); the browser only ever sees requester names.
  if (f.mine && (viewerNames === null || r.requestedBy === null || !viewerNames.includes(r.requestedBy.toLocaleLowerCase()))) return false;
  if (f.q && !r.title.toLocaleLowerCase().includes(f.q.toLocaleLowerCase())) return false;
  return true;
}
