import "server-only";
import { desc, inArray, lt } from "drizzle-orm";
import type { Db } from "../client";
import { webhookDeliveries } from "../schema";

/** Recent deliveries for the admin page: what came in and what became of it, newest first. No bodies. */
export async function listRecentDeliveries({ db, limit }: { db: Db; limit: number }) {
  return db
    .select({
      id: webhookDeliveries.id,
      source: webhookDeliveries.source,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      error: webhookDeliveries.error,
      receivedAt: webhookDeliveries.receivedAt,
      requestIds: webhookDeliveries.requestIds,
    })
    .from(webhookDeliveries)
    .orderBy(desc(webhookDeliveries.receivedAt), desc(webhookDeliveries.id))
    .limit(limit);
}

export type DeliverySummary = Awaited<ReturnType<typeof listRecentDeliveries>>[number];

/** Deliveries recorded but not applied: failed ones (waiting for an admin's Retry) and pending retries. */
export async function listUnappliedDeliveries({ db, limit }: { db: Db; limit: number }) {
  return db
    .select({
      id: webhookDeliveries.id,
      source: webhookDeliveries.source,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      error: webhookDeliveries.error,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      receivedAt: webhookDeliveries.receivedAt,
    })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.status, ["failed", "pending"]))
    .orderBy(desc(webhookDeliveries.receivedAt), desc(webhookDeliveries.id))
    .limit(limit);
}

/** Deletes deliveries received before `before`; returns how many went. Uses the received_at index. */
export async function pruneDeliveries({ db, before }: { db: Db; before: Date }): Promise<number> {
  const deleted = await db.delete(webhookDeliveries).where(lt(webhookDeliveries.receivedAt, before)).returning({ id: webhookDeliveries.id });
  return deleted.length;
}
