import "server-only";
import path from "node:path";
import { getDb, type Db } from "@/db/client";
import { pruneDeliveriesIfDue } from "@/lib/deliveries/retention";
import { env } from "@/lib/env";
import { isWebhookSource, type WebhookSource } from "@/lib/integrations/webhook";
import { log } from "@/lib/log";
import { ingestWebhook, type IngestResult } from "./ingest";
import { Spool, SpoolFullError, type SpoolBacklog, type SpooledDelivery } from "./spool";

export type IntakeResult = IngestResult | { kind: "spooled" } | { kind: "refused"; retryAfterSeconds: number; message: string };

/**
 * A lost connection is retried on a fresh one for this long, then the delivery goes to the spool (a refused
 * connection fails at once; postgres.js gives up connecting after connect_timeout).
 */
const CONNECTION_RETRY_MS = 1200;
/** Last resort for a database that accepts connections but never answers: spool instead of hanging the sender. */
const DATABASE_WAIT_MS = 10_000;
const RETRY_AFTER_SECONDS = 30;

type Holder = { __statusTrackerSpool?: Spool };
const holder = globalThis as typeof globalThis & Holder;

/** The process's spool (one per process, kept on globalThis because Next can load this module twice). */
export function spool(): Spool {
  const { SPOOL_DIR, SPOOL_MAX_BYTES } = env();
  const dir = path.resolve(SPOOL_DIR);
  if (holder.__statusTrackerSpool?.dir !== dir) holder.__statusTrackerSpool = new Spool(dir, SPOOL_MAX_BYTES);
  return holder.__statusTrackerSpool;
}

/** What the health page shows: deliveries acknowledged but still waiting in the spool. */
export async function spoolBacklog(): Promise<SpoolBacklog & { writable: boolean }> {
  const s = spool();
  try {
    await s.init();
    return { ...s.backlog(), writable: true };
  } catch {
    return { ...s.backlog(), writable: false };
  }
}

function timeout(ms: number): Promise<null> {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms).unref());
}

async function toSpool(input: { source: WebhookSource; contentType: string | null; raw: Uint8Array; receivedAt: Date }): Promise<IntakeResult> {
  const delivery: SpooledDelivery = {
    source: input.source,
    contentType: input.contentType,
    receivedAt: input.receivedAt.toISOString(),
    body: Buffer.from(input.raw).toString("base64"),
  };
  try {
    await spool().append(delivery);
    return { kind: "spooled" };
  } catch (error) {
    const full = error instanceof SpoolFullError;
    log.error(full ? "the spool is full; refusing a delivery" : "the spool cannot be written; refusing a delivery", {
      source: input.source,
      error: error instanceof Error ? error.message : String(error),
    });
    return {
      kind: "refused",
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      message: full ? "The delivery spool is full" : "The delivery spool cannot be written",
    };
  }
}

/**
 * Receives one delivery durably. Recorded in the database (applied, pending or rejected) when it answers within
 * DATABASE_WAIT_MS; otherwise appended to the spool. Refused only when the spool cannot take it. Once the database
 * is back, new deliveries go to it directly while the replayer catches up with the spool in its own order: a
 * delivery that arrives before what it refers to waits (parked), so any order ends in the same state.
 */
export async function receiveDelivery(input: { source: WebhookSource; contentType: string | null; raw: Uint8Array }): Promise<IntakeResult> {
  const receivedAt = new Date();
  const item = { ...input, receivedAt };

  const recorded = (async () => {
    const db = await getDb();
    const result = await ingestWebhook({ db, ...item, retryUntil: Date.now() + CONNECTION_RETRY_MS });
    await pruneDeliveriesIfDue({ db });
    return result;
  })();
  try {
    const result = await Promise.race([recorded, timeout(DATABASE_WAIT_MS)]);
    if (result) return result;
    log.warn("the database did not answer in time; spooling the delivery", { source: input.source });
  } catch (error) {
    log.warn("the database cannot record deliveries; spooling", {
      source: input.source,
      error: error instanceof Error ? error.message : String(error),
    });
  }
  // Recorded late or not at all: the spooled copy is applied once (a late recording makes it a duplicate).
  recorded.catch(() => {});
  return toSpool(item);
}

/**
 * Applies everything in the spool, oldest first. Stops (and keeps the rest) at the first delivery the database
 * cannot record; resolves how many were applied. The in-process runner calls it every second and at start-up.
 */
export async function replaySpool({ db }: { db: () => Promise<Db> }): Promise<number> {
  const s = spool();
  await s.init();
  if (s.backlog().records === 0) return 0;
  const applied = await s.replay(async (delivery) => {
    if (!isWebhookSource(delivery.source)) return;
    const raw = new Uint8Array(Buffer.from(delivery.body, "base64"));
    const receivedAt = new Date(delivery.receivedAt);
    await ingestWebhook({
      db: await db(),
      source: delivery.source,
      contentType: delivery.contentType,
      raw,
      receivedAt: Number.isNaN(receivedAt.getTime()) ? new Date() : receivedAt,
    });
  });
  if (applied > 0) log.info("replayed spooled deliveries", { applied, remaining: s.backlog().records });
  return applied;
}
