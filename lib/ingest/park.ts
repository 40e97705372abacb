import "server-only";
import { insertParkedSignals, lockParkedSignals, markParkedSignals, type ParkedSignalRow } from "@/db/queries/parked";
import type { DomainEvent } from "@/lib/domain/events";
import { describeParked, PARK_DAYS, parkKeys, requestKeys } from "@/lib/domain/park";
import { applyEvent } from "./apply";
import { createContext, flush, type ApplyContext } from "./context";

const DAY = 24 * 60 * 60 * 1000;
/** Parked signals re-tried per transaction at most; the rest wait for the next change to the same request. */
const RETRY_LIMIT = 100;

/** Applies one event; one that matched nothing yet and can wait is parked with the delivery. */
export async function applyOrPark(ctx: ApplyContext, event: DomainEvent): Promise<void> {
  const matched = await applyEvent(ctx, event);
  if (matched) return;
  const keys = parkKeys(event);
  if (keys) ctx.parked.push({ event, keys });
}

/**
 * Locks the parked signals waiting under a key of any request this transaction loaded (created, changed or read).
 * The keys come from the requests as they will be written, so this can go out with the flush that writes them.
 */
export function lockWaitingSignals(ctx: ApplyContext): Promise<ParkedSignalRow[]> {
  return lockParkedSignals({ db: ctx.db, keys: waitingKeys(ctx), limit: RETRY_LIMIT });
}

/** The keys parked signals wait under for what this transaction loaded (created, changed or read). */
export function waitingKeys(ctx: ApplyContext): string[] {
  const keys = new Set<string>();
  for (const { row, state, patch } of ctx.loaded.values()) {
    for (const k of requestKeys({ ...row, ...patch, mediaType: row.mediaType }, [...state.episodes.values()])) keys.add(k);
  }
  return [...keys];
}

/**
 * Applies the waiting signals (see lockWaitingSignals): an early Jellyfin ItemAdded takes effect the moment its
 * request or episode appears. Runs after `ctx` was flushed, in the same transaction, in a context of its own: the
 * signals see the requests as just written. Their effects are added to `ctx.applied` so the delivery's answer shows
 * them.
 */
export async function applySignals(ctx: ApplyContext, waiting: ParkedSignalRow[]): Promise<void> {
  if (waiting.length === 0) return;
  const later = createContext(ctx.db, ctx.source, ctx.now);
  const resolved: number[] = [];
  for (const signal of waiting) {
    // The parked signal's own source words its timeline line.
    if (await applyEvent({ ...later, source: signal.source }, signal.event as DomainEvent)) resolved.push(signal.id);
  }
  await Promise.all([flush(later), markParkedSignals({ db: ctx.db, ids: resolved, status: "applied", at: ctx.now })]);
  ctx.applied.push(...later.applied);
}

/** Re-tries the parked signals waiting for what `ctx` (already flushed) loaded: lockWaitingSignals, then applySignals. */
export async function applyWaitingSignals(ctx: ApplyContext): Promise<void> {
  await applySignals(ctx, await lockWaitingSignals(ctx));
}

/** Stores this delivery's unmatched signals; they expire after PARK_DAYS without a match. */
export async function storeParked(ctx: ApplyContext, deliveryId: number | null): Promise<void> {
  const expiresAt = new Date(ctx.now.getTime() + PARK_DAYS * DAY);
  await insertParkedSignals({
    db: ctx.db,
    values: ctx.parked.map((p) => ({
      deliveryId,
      source: ctx.source,
      event: p.event as unknown as Record<string, unknown>,
      keys: p.keys,
      summary: describeParked(p.event),
      parkedAt: ctx.now,
      expiresAt,
    })),
  });
}
