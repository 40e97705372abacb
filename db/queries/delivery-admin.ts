import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, lt } from "drizzle-orm";
import type { Source } from "@/lib/domain/events";
import type { Db } from "../client";
import { requests, webhookDeliveries, type DeliveryStatus } from "../schema";

export type DeliveryFilters = { source?: Source; status?: DeliveryStatus; eventType?: string };

/** What the list shows of a delivery (no body); its own page adds the body and the attempts. */
const summaryColumns = {
  id: webhookDeliveries.id,
  source: webhookDeliveries.source,
  eventType: webhookDeliveries.eventType,
  status: webhookDeliveries.status,
  error: webhookDeliveries.error,
  receivedAt: webhookDeliveries.receivedAt,
  requestIds: webhookDeliveries.requestIds,
};

/** Recent deliveries for the admin page: what came in and what became of it, newest first, optionally filtered. No bodies. */
export async function listRecentDeliveries({ db, limit, filters = {} }: { db: Db; limit: number; filters?: DeliveryFilters }) {
  return db
    .select(summaryColumns)
    .from(webhookDeliveries)
    .where(
      and(
        filters.source ? eq(webhookDeliveries.source, filters.source) : undefined,
        filters.status ? eq(webhookDeliveries.status, filters.status) : undefined,
        filters.eventType ? eq(webhookDeliveries.eventType, filters.eventType) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.receivedAt), desc(webhookDeliveries.id))
    .limit(limit);
}

/** Every event code seen per source, for the admin page's filter. */
export async function listDeliveryEventTypes({ db }: { db: Db }): Promise<{ source: Source; eventType: string }[]> {
  const rows = await db
    .selectDistinct({ source: webhookDeliveries.source, eventType: webhookDeliveries.eventType })
    .from(webhookDeliveries)
    .where(isNotNull(webhookDeliveries.eventType))
    .orderBy(asc(webhookDeliveries.source), asc(webhookDeliveries.eventType))
    .limit(200);
  return rows.filter((r): r is { source: Source; eventType: string } => r.eventType !== null);
}

/** One delivery with its stored (redacted) body and the requests it touched, for its admin page. */
export async function findDelivery({ db, id }: { db: Db; id: number }) {
  const [row] = await db
    .select({
      ...summaryColumns,
      contentType: webhookDeliveries.contentType,
      body: webhookDeliveries.body,
      attempts: webhookDeliveries.attempts,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.id, id))
    .limit(1);
  if (!row) return null;
  const touched =
    row.requestIds.length === 0
      ? []
      : await db
          .select({ id: requests.id, title: requests.title })
          .from(requests)
          .where(inArray(requests.id, row.requestIds))
          .orderBy(asc(requests.id));
  return { ...row, requests: touched };
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
