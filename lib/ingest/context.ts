import "server-only";
import type { Db } from "@/db/client";
import type { EpisodeRow, RequestRow } from "@/db/schema";
import { listEpisodesForRequests, saveEpisodes, type NewEpisode } from "@/db/queries/episodes";
import { lockRequests, updateRequest, type LockedRequests, type NewRequest } from "@/db/queries/requests";
import { appendTimelineEvents, type NewTimelineEvent } from "@/db/queries/timeline";
import { enqueueOutbox, type OutboxMessage } from "@/db/queries/outbox";
import { episodeKey, settle, type EpisodeState, type RequestState } from "@/lib/domain/request-state";
import type { DomainEvent, Source } from "@/lib/domain/events";
import type { Stage } from "@/lib/domain/stages";
import { PROGRESS_EVENT } from "@/lib/domain/timeline";

export type AppliedEntry = { requestId: number; event: string; stage: Stage };

/** A signal of this delivery that matched nothing yet: stored with the delivery, applied when its match appears. */
export type ParkedEntry = { event: DomainEvent; keys: string[] };

type Loaded = { row: RequestRow; state: RequestState; patch: Partial<NewRequest> };

/** Everything one delivery changes, collected in memory and written once at the end of its transaction. */
export type ApplyContext = {
  db: Db;
  now: Date;
  source: Source;
  loaded: Map<number, Loaded>;
  timeline: NewTimelineEvent[];
  outbox: OutboxMessage[];
  applied: AppliedEntry[];
  parked: ParkedEntry[];
  /** Writes whose answer nothing waits for: sent now, pipelined with what follows, awaited by flush. */
  deferred: Promise<unknown>[];
};

export function createContext(db: Db, source: Source, now: Date): ApplyContext {
  return { db, now, source, loaded: new Map(), timeline: [], outbox: [], applied: [], parked: [], deferred: [] };
}

/**
 * Sends a write without waiting for it: the server runs a connection's statements in order, so everything after it
 * sees it, and one round trip fewer per delivery. Its failure is not lost: flush awaits it (and the transaction's
 * later statements fail with it).
 */
export function defer(ctx: ApplyContext, write: Promise<unknown>): void {
  write.catch(() => {}); // observed by flush; not an unhandled rejection meanwhile
  ctx.deferred.push(write);
}

function toEpisodeState(row: EpisodeRow): EpisodeState {
  return { ...row, changed: false };
}

function toRequestState(row: RequestRow, episodes: EpisodeRow[]): RequestState {
  return {
    id: row.id,
    mediaType: row.mediaType,
    ownStage: row.ownStage,
    stage: row.stage,
    requestedSeasons: row.requestedSeasons,
    listKnown: row.episodesListedAt !== null,
    attention:
      row.attentionKind && row.attentionSince
        ? {
            kind: row.attentionKind,
            reason: row.attentionReason ?? "",
            since: row.attentionSince,
            stage: row.attentionStage ?? row.stage,
            specific: row.attentionSpecific,
          }
        : null,
    stageTimes: row.stageTimes,
    episodes: new Map(episodes.map((e) => [episodeKey(e.seasonNumber, e.episodeNumber), toEpisodeState(e)])),
  };
}

/** A request this transaction just created: nobody else can see it yet, so there is nothing to lock or read. */
export function adoptRequest(ctx: ApplyContext, row: RequestRow): void {
  ctx.loaded.set(row.id, { row, state: toRequestState(row, []), patch: {} });
}

/**
 * Requests this transaction locked while looking them up, with their episodes: loaded now, so loadRequests has nothing
 * left to fetch for them. One loaded before keeps its state (this delivery may have changed it already).
 */
export function adoptLocked(ctx: ApplyContext, { rows, episodes }: LockedRequests): void {
  for (const row of rows) {
    if (ctx.loaded.has(row.id)) continue;
    const own = episodes.filter((e) => e.requestId === row.id);
    ctx.loaded.set(row.id, { row, state: toRequestState(row, own), patch: {} });
  }
}

/** Locks and loads requests into the context (once each); returns them in id order. */
export async function loadRequests(ctx: ApplyContext, ids: number[]): Promise<Loaded[]> {
  const missing = [...new Set(ids)].filter((id) => !ctx.loaded.has(id));
  if (missing.length > 0) {
    // Episodes are read in the same pipeline, after the row locks (the server runs them in order).
    const [rows, episodes] = await Promise.all([
      lockRequests({ db: ctx.db, ids: missing }),
      listEpisodesForRequests({ db: ctx.db, requestIds: missing }),
    ]);
    adoptLocked(ctx, { rows, episodes });
  }
  return [...new Set(ids)]
    .map((id) => ctx.loaded.get(id))
    .filter((l): l is Loaded => l !== undefined)
    .sort((a, b) => a.row.id - b.row.id);
}

/** Settles the request after a change and writes one timeline line about it. */
export function record(
  ctx: ApplyContext,
  loaded: Loaded,
  entry: { event: string; message: string; data?: Record<string, unknown>; source?: Source },
): void {
  const { after } = settle(loaded.state, ctx.now);
  ctx.timeline.push({
    requestId: loaded.row.id,
    at: ctx.now,
    source: entry.source ?? ctx.source,
    event: entry.event,
    stage: after,
    message: entry.message,
    data: entry.data ?? null,
  });
  ctx.applied.push({ requestId: loaded.row.id, event: entry.event, stage: after });
}

/**
 * True when the delivery changed the request: a timeline line about it, a new fact, or a changed episode.
 * A progress tick alone is not a change of the request (its numbers live on the download row): "updated"
 * means the last real change, not the last poll.
 */
function touched(ctx: ApplyContext, { row, state, patch }: Loaded): boolean {
  return (
    Object.keys(patch).length > 0 ||
    ctx.timeline.some((t) => t.requestId === row.id && t.event !== PROGRESS_EVENT) ||
    [...state.episodes.values()].some((e) => e.changed) ||
    state.stage !== row.stage ||
    state.ownStage !== row.ownStage ||
    (state.attention?.reason ?? null) !== row.attentionReason
  );
}

/**
 * Writes every request the delivery changed (one it only looked at keeps its `updatedAt`), its changed
 * episodes, and (unless `lines` is false: the caller writes them with the inbox row) the timeline lines and the outbox
 * messages. The statements are independent, so they are sent together: the driver pipelines them on the transaction's
 * connection and the server runs them in order.
 */
export async function flush(ctx: ApplyContext, { lines = true }: { lines?: boolean } = {}): Promise<void> {
  const writes: Promise<unknown>[] = ctx.deferred.splice(0);
  for (const loaded of ctx.loaded.values()) {
    const { row, state, patch } = loaded;
    if (!touched(ctx, loaded)) continue;
    const { counts } = settle(state, ctx.now);
    const attention = state.attention;
    writes.push(
      updateRequest({
        db: ctx.db,
        id: row.id,
        values: {
          ...patch,
          ownStage: state.ownStage,
          stage: state.stage,
          requestedSeasons: state.requestedSeasons,
          stageTimes: state.stageTimes,
          episodeCounts: counts,
          attentionKind: attention?.kind ?? null,
          attentionReason: attention?.reason ?? null,
          attentionSince: attention?.since ?? null,
          attentionStage: attention?.stage ?? null,
          attentionSpecific: attention?.specific ?? false,
          ...(state.stage === "available" && !row.availableAt ? { availableAt: ctx.now } : {}),
        },
      }),
    );
    const inserts: NewEpisode[] = [];
    const updates: EpisodeRow[] = [];
    for (const e of state.episodes.values()) {
      if (!e.changed) continue;
      const { changed: _changed, id, ...values } = e;
      if (id === null) inserts.push({ ...values, requestId: row.id });
      else updates.push({ ...values, id, requestId: row.id, updatedAt: ctx.now });
    }
    writes.push(saveEpisodes({ db: ctx.db, inserts, updates }));
  }
  if (lines) {
    writes.push(appendTimelineEvents({ db: ctx.db, entries: ctx.timeline }));
    writes.push(enqueueOutbox({ db: ctx.db, messages: ctx.outbox }));
  }
  await Promise.all(writes);
}
