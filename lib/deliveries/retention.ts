import "server-only";
import type { Db } from "@/db/client";
import { pruneDeliveries } from "@/db/queries/delivery-admin";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

const HOUR = 60 * 60 * 1000;

type Holder = { __statusTrackerLastPrune?: number };
const holder = globalThis as typeof globalThis & Holder;

/** Deletes raw webhook deliveries older than DELIVERY_RETENTION_DAYS. Safe to call from any timer. */
export async function pruneExpiredDeliveries({ db, now = new Date() }: { db: Db; now?: Date }): Promise<number> {
  const before = new Date(now.getTime() - env().DELIVERY_RETENTION_DAYS * 24 * HOUR);
  const deleted = await pruneDeliveries({ db, before });
  if (deleted > 0) log.info("pruned webhook deliveries", { deleted, before: before.toISOString() });
  return deleted;
}

/**
 * Called on each webhook receipt; prunes at most once an hour per process. Never throws: retention must not
 * fail a delivery.
 */
export async function pruneDeliveriesIfDue({ db, now = new Date() }: { db: Db; now?: Date }): Promise<void> {
  const last = holder.__statusTrackerLastPrune;
  if (last !== undefined && now.getTime() - last < HOUR) return;
  holder.__statusTrackerLastPrune = now.getTime();
  try {
    await pruneExpiredDeliveries({ db, now });
  } catch (error) {
    log.warn("pruning webhook deliveries failed", { error: error instanceof Error ? error.message : String(error) });
  }
}
