import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { ReadScope } from "@/lib/auth/policy";
import type { AttentionKind } from "@/lib/domain/attention";
import type { MediaType } from "@/lib/domain/events";
import { pipelineStages, type PipelineStage } from "@/lib/domain/stages";
import type { Db } from "../client";
import { readableBy } from "./request-list";

/**
 * The insights page's figures, computed in PostgreSQL from what the pipeline recorded: each request's
 * `stage_times` (when each stage was first reached) and its timeline (attention raised, imports blocked).
 * Every query reads only the requests the reader may see. Months are calendar months in `timeZone`.
 */

/** A stage's duration is the time from reaching it to reaching the next stage the request reached. */
const durationStages = pipelineStages.filter((s) => s !== "available");
type DurationStage = Exclude<PipelineStage, "available">;

export type StageDuration = {
  mediaType: MediaType;
  stage: DurationStage;
  /** `YYYY-MM` of the month the stage was reached; null for the whole period. */
  month: string | null;
  samples: number;
  medianSeconds: number;
  p90Seconds: number;
};

export type WatchableMonth = { month: string; mediaType: MediaType; samples: number; medianSeconds: number; p90Seconds: number };
export type StuckByKind = { kind: AttentionKind; requests: number };
export type StuckReason = { kind: AttentionKind; reason: string; requests: number };
export type StuckByIndexer = { indexer: string | null; requests: number; stuck: number };
export type RequesterCounts = { requestedBy: string | null; total: number; available: number; active: number; stuck: number; failed: number };

type Scoped = { db: Db; scope: ReadScope | null; timeZone?: string };

function scopeSql(scope: ReadScope | null): SQL {
  return readableBy(scope) ?? sql`true`;
}

/** The pipeline in order, with a tv request's "partly available" before "available": a stage ends at the next one reached. */
const chain = [...pipelineStages.slice(0, -1), "partially_available", "available"];
const stageOrder = sql.raw(`array[${chain.map((s) => `'${s}'`).join(",")}]::text[]`);
const durationList = sql.raw(durationStages.map((s) => `'${s}'`).join(","));

/**
 * When the request was made: its `requested` time, else (Jellyseerr's auto-approved requests start at
 * `approved`) when the tracker first heard of it. Items first seen in Sonarr/Radarr or imported from the
 * library have no request time.
 */
const requestedAt = sql`coalesce((requests.stage_times->>'requested')::timestamptz, case when requests.source = 'jellyseerr' then requests.created_at end)`;

/** The first time anything of the request could be watched: a movie's or season's `available`, or a tv request's first ready episode. */
const watchableAt = sql`least((requests.stage_times->>'available')::timestamptz, (requests.stage_times->>'partially_available')::timestamptz)`;

const seconds = (v: unknown) => Math.round(Number(v));

/** The rows of a raw query: postgres.js answers an array, other drivers `{ rows }`. */
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Median and 90th percentile of each stage's duration per media type, for the whole period and per month.
 * Only stages that ended count (an item still downloading has no download time yet); stages a request
 * skipped have no duration of their own (the time is the previous stage's).
 */
export async function summarizeStageDurations({ db, scope, timeZone = "UTC" }: Scoped): Promise<StageDuration[]> {
  const rows = await rowsOf<{ media_type: MediaType; stage: DurationStage; month: string | null; samples: number; p50: number; p90: number }>(
    db,
    sql`
    with reached as (
      select requests.id, requests.media_type, t.stage, t.at
      from requests
      cross join lateral (
        select key as stage, value::timestamptz as at
        from jsonb_each_text(requests.stage_times)
        where key = any(${stageOrder}) and key <> 'requested'
        union all
        select 'requested', ${requestedAt}
      ) t
      where ${scopeSql(scope)} and t.at is not null
    ),
    spans as (
      select media_type, stage, at,
        to_char(date_trunc('month', at at time zone ${timeZone}), 'YYYY-MM') as month,
        lead(at) over (partition by id order by array_position(${stageOrder}, stage)) as next_at
      from reached
    )
    select media_type, stage, month,
      count(*)::int as samples,
      percentile_cont(0.5) within group (order by extract(epoch from next_at - at)) as p50,
      percentile_cont(0.9) within group (order by extract(epoch from next_at - at)) as p90
    from spans
    where next_at is not null and next_at >= at and stage in (${durationList})
    group by grouping sets ((media_type, stage), (media_type, stage, month))
    order by media_type, array_position(${stageOrder}, stage), month nulls first
  `,
  );
  return rows.map((r) => ({
    mediaType: r.media_type,
    stage: r.stage,
    month: r.month,
    samples: r.samples,
    medianSeconds: seconds(r.p50),
    p90Seconds: seconds(r.p90),
  }));
}

/** Time from request to the first thing watchable, per month of the request and media type. */
export async function summarizeTimeToWatchable({ db, scope, timeZone = "UTC" }: Scoped): Promise<WatchableMonth[]> {
  const rows = await rowsOf<{ month: string; media_type: MediaType; samples: number; p50: number; p90: number }>(
    db,
    sql`
    with spans as (
      select requests.media_type, ${requestedAt} as from_at, ${watchableAt} as to_at
      from requests
      where ${scopeSql(scope)}
    )
    select to_char(date_trunc('month', from_at at time zone ${timeZone}), 'YYYY-MM') as month, media_type,
      count(*)::int as samples,
      percentile_cont(0.5) within group (order by extract(epoch from to_at - from_at)) as p50,
      percentile_cont(0.9) within group (order by extract(epoch from to_at - from_at)) as p90
    from spans
    where from_at is not null and to_at is not null and to_at >= from_at
    group by 1, 2
    order by 1, 2
  `,
  );
  return rows.map((r) => ({
    month: r.month,
    mediaType: r.media_type,
    samples: r.samples,
    medianSeconds: seconds(r.p50),
    p90Seconds: seconds(r.p90),
  }));
}

/** Each time a request got stuck (the timeline's raised attentions and blocked imports), with its kind and reason. */
const stuckEvents = sql`
  select timeline_events.request_id,
    coalesce(timeline_events.data->>'kind', 'import_blocked') as kind,
    timeline_events.message as reason
  from timeline_events
  join requests on requests.id = timeline_events.request_id
  where timeline_events.event in ('attention.raised', 'import.blocked')
`;

/** What gets stuck and why: requests ever stuck per kind, the most frequent reasons, and per indexer. */
export async function summarizeStuck({ db, scope, reasons = 8 }: Scoped & { reasons?: number }) {
  const where = scopeSql(scope);
  const [byKind, topReasons, byIndexer] = await Promise.all([
    rowsOf<{ kind: AttentionKind; requests: number }>(
      db,
      sql`
      select kind, count(distinct request_id)::int as requests from (${stuckEvents} and ${where}) s
      group by kind order by 2 desc, 1
    `,
    ),
    rowsOf<{ kind: AttentionKind; reason: string; requests: number }>(
      db,
      sql`
      select kind, reason, count(distinct request_id)::int as requests from (${stuckEvents} and ${where}) s
      group by kind, reason order by 3 desc, 2 limit ${reasons}
    `,
    ),
    rowsOf<{ indexer: string | null; requests: number; stuck: number }>(
      db,
      sql`
      select requests.indexer, count(*)::int as requests,
        count(*) filter (where exists (
          select 1 from timeline_events
          where timeline_events.request_id = requests.id and timeline_events.event in ('attention.raised', 'import.blocked')
        ))::int as stuck
      from requests
      where ${where} and (requests.indexer is not null or requests.stage_times ? 'grabbing')
      group by 1 order by 3 desc, 2 desc, 1 nulls last
    `,
    ),
  ]);
  return {
    byKind: byKind,
    reasons: topReasons,
    byIndexer: byIndexer,
  };
}

/** Per requester (one row per name in any case, shown as most often spelt): how many requests, how many are watchable, on their way, were ever stuck, failed or declined. */
export async function countRequestsByRequester({ db, scope }: Scoped): Promise<RequesterCounts[]> {
  const rows = await rowsOf<{
    requested_by: string | null;
    total: number;
    available: number;
    active: number;
    stuck: number;
    failed: number;
  }>(
    db,
    sql`
    select mode() within group (order by requests.requested_by) as requested_by, count(*)::int as total,
      count(*) filter (where requests.stage = 'available')::int as available,
      count(*) filter (where requests.stage not in ('available', 'failed', 'declined', 'removed') and requests.closed_at is null)::int as active,
      count(*) filter (where exists (
        select 1 from timeline_events
        where timeline_events.request_id = requests.id and timeline_events.event in ('attention.raised', 'import.blocked')
      ))::int as stuck,
      count(*) filter (where requests.stage in ('failed', 'declined'))::int as failed
    from requests
    where ${scopeSql(scope)} and requests.source <> 'jellyfin'
    group by lower(requests.requested_by) order by 2 desc, lower(requests.requested_by) nulls last
  `,
  );
  return rows.map((r) => ({
    requestedBy: r.requested_by,
    total: r.total,
    available: r.available,
    active: r.active,
    stuck: r.stuck,
    failed: r.failed,
  }));
}
