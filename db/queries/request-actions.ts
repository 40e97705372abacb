import "server-only";
import { eq } from "drizzle-orm";
import type { Stage } from "@/lib/domain/stages";
import type { Db } from "../client";
import { requests, timelineEvents, type RequestRow } from "../schema";

export async function getRequestRow({ db, id }: { db: Db; id: number }): Promise<RequestRow | null> {
  const [row] = await db.select().from(requests).where(eq(requests.id, id));
  return row ?? null;
}

/** One timeline line for an admin action (who did it is in the message and in `data.by`). */
export async function appendActionEvent({
  db,
  requestId,
  event,
  message,
  stage,
  by,
  data = {},
}: {
  db: Db;
  requestId: number | null;
  event: string;
  message: string;
  stage: Stage | null;
  by: string;
  data?: Record<string, unknown>;
}): Promise<void> {
  await db.insert(timelineEvents).values({ requestId, source: "tracker", event, stage, message, data: { ...data, by } });
}

/**
 * Dismiss (leaves Active as `removed`, like a delete upstream) or Mark as done (`available`), with who, why and when; the stage
 * change and its timeline line commit together. Attention is cleared: nobody is waiting on it any more.
 */
export async function closeRequest({
  db,
  id,
  kind,
  reason,
  by,
  message,
  now = new Date(),
}: {
  db: Db;
  id: number;
  kind: "dismissed" | "done";
  reason: string;
  by: string;
  message: string;
  now?: Date;
}): Promise<RequestRow | null> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(requests).where(eq(requests.id, id)).for("update");
    if (!current) return null;
    const stage = kind === "done" ? "available" : "removed";
    const [row] = await tx
      .update(requests)
      .set({
        stage,
        ownStage: stage,
        closedKind: kind,
        closedReason: reason,
        closedBy: by,
        closedAt: now,
        attentionKind: null,
        attentionReason: null,
        attentionSince: null,
        attentionStage: null,
        stageTimes: { ...current.stageTimes, [stage]: current.stageTimes[stage] ?? now.toISOString() },
        availableAt: kind === "done" ? (current.availableAt ?? now) : current.availableAt,
        ...(kind === "dismissed" ? { removedBy: by, removedAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(requests.id, id))
      .returning();
    await tx
      .insert(timelineEvents)
      .values({ requestId: id, source: "tracker", event: `action.${kind}`, stage, message, data: { by, reason }, at: now });
    return row ?? null;
  });
}

/** Forgets a request (its episodes, timeline and reports go with it); a household-level line says who did it. */
export async function deleteRequestRow({ db, id, by, message }: { db: Db; id: number; by: string; message: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const gone = await tx.delete(requests).where(eq(requests.id, id)).returning({ id: requests.id });
    if (gone.length === 0) return false;
    await tx
      .insert(timelineEvents)
      .values({ requestId: null, source: "tracker", event: "action.remove", stage: null, message, data: { by, requestId: id } });
    return true;
  });
}
