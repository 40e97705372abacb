import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { webhookDeliveries } from "../schema";

export type NewDelivery = typeof webhookDeliveries.$inferInsert;

/** Records a delivery; null when the same delivery (source + dedupe key) was recorded before. */
export async function insertDelivery({ db, values }: { db: Db; values: NewDelivery }): Promise<number | null> {
  const rows = await db
    .insert(webhookDeliveries)
    .values(values)
    .onConflictDoNothing({ target: [webhookDeliveries.source, webhookDeliveries.dedupeKey] })
    .returning({ id: webhookDeliveries.id });
  return rows[0]?.id ?? null;
}

export async function findDeliveryId({ db, source, dedupeKey }: { db: Db; source: NewDelivery["source"]; dedupeKey: string }) {
  const rows = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.source, source), eq(webhookDeliveries.dedupeKey, dedupeKey)))
    .limit(1);
  return rows[0]?.id ?? null;
}
