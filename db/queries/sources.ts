import "server-only";
import { sql } from "drizzle-orm";
import type { Source } from "@/lib/domain/events";
import type { Db } from "../client";
import { sourceStatus } from "../schema";

export async function recordSourceDelivery({
  db,
  source,
  eventType,
  connected,
}: {
  db: Db;
  source: Source;
  eventType: string | null;
  connected: boolean;
}) {
  const now = sql`now()`;
  await db
    .insert(sourceStatus)
    .values({ source, lastDeliveryAt: now, lastEventType: eventType, connectedAt: connected ? now : null })
    .onConflictDoUpdate({
      target: sourceStatus.source,
      set: {
        lastDeliveryAt: now,
        lastEventType: eventType,
        ...(connected ? { connectedAt: now } : {}),
      },
    });
}

export async function listSourceStatus({ db }: { db: Db }) {
  return db.select().from(sourceStatus);
}
