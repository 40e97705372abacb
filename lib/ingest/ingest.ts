import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { awaitFlushed, canCommitBeforeFlush, commitBeforeFlush } from "@/db/commit";
import { describeDbError, isAborted, isConflictError, isConnectionError } from "@/db/errors";
import { pipelinedTransaction } from "@/db/pipelined-transaction";
import {
  type NewDelivery,
  recordAppliedDelivery,
  recordAppliedDeliveryOrAbort,
  recordPendingDelivery,
  recordUnappliedDelivery,
} from "@/db/queries/deliveries";
import type { DomainEvent } from "@/lib/domain/events";
import type { IssueDetail } from "@/lib/errors";
import { webhookMappers } from "@/lib/integrations/mappers";
import type { WebhookSource } from "@/lib/integrations/webhook";
import { log } from "@/lib/log";
import { redactSecrets } from "@/lib/secrets";
import { createContext, defer, flush, type AppliedEntry } from "./context";
import { decodeBody, storedBody } from "./decode";
import { applyOrPark, applySignals, lockWaitingSignals, storeParked, waitingKeys } from "./park";
import { noteSourceDelivery } from "./source-note";

export type IngestResult =
  | { kind: "applied"; deliveryId: number; eventType: string; applied: AppliedEntry[]; parked: number }
  | { kind: "duplicate"; deliveryId: number | null; eventType: string }
  | { kind: "ignored"; deliveryId: number | null; eventType: string; reason: string }
  | { kind: "rejected"; deliveryId: number | null; message: string; issues: IssueDetail[] }
  | { kind: "pending"; deliveryId: number | null; eventType: string };

export type IngestInput = {
  db: Db;
  source: WebhookSource;
  contentType: string | null;
  raw: Uint8Array;
  /** When the sender delivered it (a spooled or retried delivery keeps its first time). */
  receivedAt?: Date;
  /** Connection errors are retried on a fresh connection until this time (ms since epoch), then thrown. */
  retryUntil?: number;
};

type Prepared = {
  source: WebhookSource;
  eventType: string;
  events: DomainEvent[];
  dedupeKey: string;
  body: string;
  contentType: string | null;
  receivedAt: Date;
};

/** Thrown inside the transaction to roll back the work of a delivery that was already applied. */
class DuplicateDelivery extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The inbox row, its effects, parked signals, the timeline and the outbox commit together or not at all. The
 * inbox row is written after the effects: its unique key turns a concurrent or later replay of an applied
 * delivery into a rollback, while a pending or failed row of the same bytes becomes this application. With
 * `beforeFlush` the commit does not wait for the disk, so live clients hear of it at once, and the caller waits for the
 * flush before answering.
 *
 * Usually (`withCommit`, and nothing to park) the commit goes out with the writes: the inbox row and the look for
 * parked signals fail instead of answering "applied before" or "some wait", which turns that commit into a rollback;
 * the caller then answers a duplicate, or runs again without `withCommit` to apply the waiting signals.
 */
async function applyInTransaction(db: Db, input: Prepared, beforeFlush: boolean, withCommit: boolean): Promise<IngestResult> {
  try {
    return await pipelinedTransaction(db, async (tx, commit) => {
      const ctx = createContext(tx, input.source, new Date());
      if (beforeFlush) defer(ctx, commitBeforeFlush(tx));
      for (const event of input.events) await applyOrPark(ctx, event);
      const values: NewDelivery = {
        source: input.source,
        eventType: input.eventType,
        dedupeKey: input.dedupeKey,
        status: "applied",
        contentType: input.contentType,
        body: input.body,
        receivedAt: input.receivedAt,
        requestIds: [...new Set(ctx.applied.map((a) => a.requestId))],
      };
      const applied = (deliveryId: number) =>
        ({ kind: "applied", deliveryId, eventType: input.eventType, applied: ctx.applied, parked: ctx.parked.length }) as const;
      if (withCommit && ctx.parked.length === 0) {
        // One round trip: the requests' and episodes' writes, the inbox row with the timeline lines and outbox messages
        // and the look for waiting signals, and the commit.
        const [, deliveryId] = await Promise.all([
          flush(ctx, { lines: false }),
          recordAppliedDeliveryOrAbort({ db: tx, values, timeline: ctx.timeline, outbox: ctx.outbox, waitingKeys: waitingKeys(ctx) }),
          commit(),
        ]);
        return applied(deliveryId);
      }
      // The writes, the inbox row and the parked-signal lookup go out together (one round trip).
      const [, deliveryId, waiting] = await Promise.all([flush(ctx), recordAppliedDelivery({ db: tx, values }), lockWaitingSignals(ctx)]);
      if (deliveryId === null) throw new DuplicateDelivery();
      await Promise.all([storeParked(ctx, deliveryId), applySignals(ctx, waiting)]);
      return applied(deliveryId);
    });
  } catch (error) {
    if (error instanceof DuplicateDelivery || isAborted(error, "deliveryApplied")) {
      return { kind: "duplicate", deliveryId: null, eventType: input.eventType };
    }
    throw error;
  }
}

/** Deliveries of this process being applied now (from their first attempt to their result). */
let applying = 0;
/**
 * Up to this many at once, a delivery commits before the flush and then waits for one, so live clients hear of it
 * without waiting for the disk. In a burst the commits share flushes inside PostgreSQL anyway, and the separate flush
 * would only add a round trip to every answer (measured at 16 in flight: p99 93 → 106 ms), so they commit synchronously.
 */
const COMMIT_BEFORE_FLUSH_UP_TO = 2;

/**
 * Applies with retries: a deadlock or serialization failure runs again at once; a lost connection (the
 * database restarted) runs again on a fresh connection until `retryUntil`, then is thrown for the caller to
 * spool. Any other failure keeps the delivery `pending` with its bytes, for the background retry.
 */
async function applyDurably(db: Db, prepared: Prepared, raw: Uint8Array, retryUntil: number): Promise<IngestResult> {
  applying += 1;
  try {
    return await applyWithRetries(db, prepared, raw, retryUntil);
  } finally {
    applying -= 1;
  }
}

async function applyWithRetries(db: Db, prepared: Prepared, raw: Uint8Array, retryUntil: number): Promise<IngestResult> {
  let withCommit = true;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const beforeFlush = applying <= COMMIT_BEFORE_FLUSH_UP_TO && canCommitBeforeFlush(db);
      const result = await applyInTransaction(db, prepared, beforeFlush, withCommit);
      // A lost connection here leaves it unknown whether the commit reached the disk: the retry applies it again or
      // finds it applied (a duplicate of an applied delivery is flushed too, as its first sender may not be yet).
      if (beforeFlush || result.kind === "duplicate") await awaitFlushed(db);
      return result;
    } catch (error) {
      if (withCommit && isAborted(error, "signalsWaiting")) {
        withCommit = false; // once more, applying the waiting signals before the commit
        continue;
      }
      if (attempt < 5 && isConflictError(error)) continue;
      if (isConnectionError(error)) {
        if (Date.now() + 100 * attempt < retryUntil) {
          await sleep(50 * attempt);
          continue;
        }
        throw error;
      }
      const detail = redactSecrets(describeDbError(error)).slice(0, 2000);
      log.warn("webhook could not be applied; kept pending for a retry", { source: prepared.source, eventType: prepared.eventType, error: detail });
      const row = await recordPendingDelivery({
        db,
        values: { ...prepared, status: "pending", payload: raw, error: detail, receivedAt: prepared.receivedAt },
      });
      return { kind: "pending", deliveryId: row?.id ?? null, eventType: prepared.eventType };
    }
  }
}

/**
 * One webhook delivery, end to end: decode, map to domain events, apply them in one transaction with its
 * inbox row. A replay of applied bytes is a no-op; a body we cannot read is kept as rejected; a delivery
 * whose transaction fails is kept pending. Throws only when the database cannot be reached at all.
 */
export async function ingestWebhook(input: IngestInput): Promise<IngestResult> {
  const { db, source, contentType, raw } = input;
  const receivedAt = input.receivedAt ?? new Date();
  const dedupeKey = createHash("sha256").update(raw).digest("hex");
  const decoded = await decodeBody(raw, contentType);
  const body = storedBody(raw, decoded);
  const base = { source, dedupeKey, body, contentType, receivedAt };

  if (!decoded.ok) {
    const deliveryId = await recordUnappliedDelivery({ db, values: { ...base, eventType: null, status: "rejected", error: decoded.message } });
    return { kind: "rejected", deliveryId, message: decoded.message, issues: [{ path: "(body)", message: decoded.message }] };
  }

  const mapped = webhookMappers[source](decoded.value);
  if (mapped.outcome === "invalid") {
    const error = mapped.issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    const deliveryId = await recordUnappliedDelivery({ db, values: { ...base, eventType: mapped.eventType, status: "rejected", error } });
    return { kind: "rejected", deliveryId, message: "The body does not match the expected format", issues: mapped.issues };
  }
  if (mapped.outcome === "ignored") {
    const deliveryId = await recordUnappliedDelivery({
      db,
      values: { ...base, eventType: mapped.eventType, status: "ignored", error: mapped.reason },
    });
    await noteSourceDelivery(db, source, mapped.eventType, false);
    return { kind: "ignored", deliveryId, eventType: mapped.eventType, reason: mapped.reason };
  }

  const prepared: Prepared = { ...base, eventType: mapped.eventType, events: mapped.events };
  const result = await applyDurably(db, prepared, raw, input.retryUntil ?? Date.now() + 1500);
  if (result.kind !== "pending")
    await noteSourceDelivery(
      db,
      source,
      mapped.eventType,
      mapped.events.some((e) => e.type === "source.connected"),
    );
  return result;
}
