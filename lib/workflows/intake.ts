import "server-only";
import type { Database, Db } from "@/db/client";
import { claimDueDeliveries, failDelivery, requeueDelivery, type DueDelivery } from "@/db/queries/deliveries";
import { expireParkedSignals } from "@/db/queries/parked";
import { ingestWebhook, type IngestResult } from "@/lib/ingest/ingest";
import { replaySpool } from "@/lib/ingest/intake";
import { isWebhookSource } from "@/lib/integrations/webhook";
import { log } from "@/lib/log";

const BATCH = 20;

/** Applies one recorded delivery from its kept bytes (a retry); a failure counts an attempt, see ingestWebhook. */
export async function applyRecordedDelivery({ db, delivery }: { db: Db; delivery: DueDelivery }): Promise<IngestResult | null> {
  if (!delivery.payload || !isWebhookSource(delivery.source)) {
    await failDelivery({ db, id: delivery.id, error: "The delivery's bytes were not kept, so it cannot be applied again" });
    return null;
  }
  return ingestWebhook({ db, source: delivery.source, contentType: delivery.contentType, raw: delivery.payload, receivedAt: delivery.receivedAt });
}

/** Retries pending deliveries whose back-off is over, oldest first; resolves how many were tried. */
export async function retryDueDeliveries({ db }: { db: Db }): Promise<number> {
  const due = await claimDueDeliveries({ db, limit: BATCH });
  for (const delivery of due) await applyRecordedDelivery({ db, delivery });
  return due.length;
}

/** The admin's Retry: a failed (or pending) delivery applied now; null when there is nothing to retry. */
export async function retryDeliveryNow({ db, id }: { db: Db; id: number }): Promise<IngestResult | null> {
  const delivery = await requeueDelivery({ db, id });
  return delivery ? applyRecordedDelivery({ db, delivery }) : null;
}

/**
 * One tick of the intake worker (every second, and right after start-up): the spool first (it holds the oldest
 * deliveries), then pending retries, then — once a minute — parked signals past their 30 days.
 */
export function intakeWorker(database: () => Promise<Database>): () => Promise<void> {
  let lastExpiry = 0;
  return async () => {
    await replaySpool({ db: async () => (await database()).db });
    const { db } = await database();
    await retryDueDeliveries({ db });
    if (Date.now() - lastExpiry > 60_000) {
      lastExpiry = Date.now();
      const expired = await expireParkedSignals({ db, now: new Date() });
      if (expired > 0) log.info("parked signals expired without a match", { expired });
    }
  };
}
