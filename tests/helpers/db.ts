import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

/** Empties every table between tests of one file (each file has its own database). */
export async function resetTables(): Promise<void> {
  const db = await getDb();
  await db.execute(sql`truncate requests, episodes, downloads, timeline_events, webhook_deliveries, outbox, source_status restart identity cascade`);
}

import { asc } from "drizzle-orm";
import { requests, webhookDeliveries } from "@/db/schema";
import { getRequestDetail } from "@/db/queries/request-detail";
import { wholeHousehold } from "@/lib/auth/policy";

export async function allRequests() {
  const db = await getDb();
  return db.select().from(requests).orderBy(asc(requests.id));
}

export async function onlyRequest() {
  const rows = await allRequests();
  if (rows.length !== 1) throw new Error(`expected exactly one request, found ${rows.length}`);
  return rows[0]!;
}

export async function detail(id: number) {
  const d = await getRequestDetail({ db: await getDb(), id, scope: wholeHousehold });
  if (!d) throw new Error(`request ${id} not found`);
  return d;
}

export async function deliveries() {
  const db = await getDb();
  return db.select().from(webhookDeliveries).orderBy(asc(webhookDeliveries.id));
}
