import "server-only";
import { and, asc, desc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { PlannedStep, StepOutcome } from "@/lib/domain/deletion";
import { afterAttempt, deletionStatus, stepRetryDelayMs } from "@/lib/domain/deletion";
import type { MediaType } from "@/lib/domain/events";
import type { Db } from "../client";
import { enqueueOutbox } from "./outbox";
import { deletions, deletionSteps, timelineEvents } from "../schema";

export type DeletionRow = typeof deletions.$inferSelect;
export type DeletionStepRow = typeof deletionSteps.$inferSelect;
export type DeletionWithSteps = DeletionRow & { steps: DeletionStepRow[] };

/** The confirmed plan: the deletion, its steps (all pending) and a timeline line, in one transaction. */
export async function insertDeletion({
  db,
  requestId,
  title,
  mediaType,
  by,
  steps,
  outboxName,
}: {
  db: Db;
  requestId: number;
  title: string;
  mediaType: MediaType;
  by: string;
  steps: PlannedStep[];
  /** With Inngest: the event that starts `delete-media`, written in the same transaction (outbox). */
  outboxName: string | null;
}): Promise<DeletionRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(deletions).values({ requestId, title, mediaType, requestedBy: by, status: "running" }).returning();
    if (!row) throw new Error("deletion insert returned no row");
    await tx.insert(deletionSteps).values(
      steps.map((s, position) => ({
        deletionId: row.id,
        position,
        service: s.service,
        target: s.target,
        description: s.description,
        status: "pending" as const,
      })),
    );
    const what = steps.map((s) => s.service).join(", ");
    await tx.insert(timelineEvents).values({
      requestId,
      source: "tracker",
      event: "action.delete",
      stage: null,
      message: `Delete everywhere started by ${by} (${what})`,
      data: { by, deletionId: row.id },
    });
    if (outboxName) await enqueueOutbox({ db: tx, messages: [{ name: outboxName, payload: { deletionId: row.id } }] });
    return row;
  });
}

export async function getDeletion({ db, id }: { db: Db; id: number }): Promise<DeletionWithSteps | null> {
  const [row] = await db.select().from(deletions).where(eq(deletions.id, id));
  if (!row) return null;
  const steps = await db.select().from(deletionSteps).where(eq(deletionSteps.deletionId, id)).orderBy(asc(deletionSteps.position));
  return { ...row, steps };
}

/** The deletion log, newest first, each with its steps. */
export async function listDeletions({ db, limit = 50, before }: { db: Db; limit?: number; before?: number }): Promise<DeletionWithSteps[]> {
  const rows = await db
    .select()
    .from(deletions)
    .where(before ? lt(deletions.id, before) : undefined)
    .orderBy(desc(deletions.createdAt), desc(deletions.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const steps = await db
    .select()
    .from(deletionSteps)
    .where(
      inArray(
        deletionSteps.deletionId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(deletionSteps.position));
  return rows.map((r) => ({ ...r, steps: steps.filter((s) => s.deletionId === r.id) }));
}

/** Deletions with a step due now (pending, or retrying whose back-off has passed): what the in-process runner resumes. */
export async function listDueDeletionIds({ db, now = new Date(), limit = 20 }: { db: Db; now?: Date; limit?: number }): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: deletionSteps.deletionId })
    .from(deletionSteps)
    .where(and(inArray(deletionSteps.status, ["pending", "retrying"]), lte(deletionSteps.nextAttemptAt, now)))
    .orderBy(asc(deletionSteps.deletionId))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Records one attempt's outcome with a compare-and-set on the attempt count, so two runners racing on the same
 * step record it once; then the deletion's overall status, in the same transaction.
 */
export async function recordStepOutcome({
  db,
  step,
  outcome,
  now = new Date(),
}: {
  db: Db;
  step: DeletionStepRow;
  outcome: StepOutcome;
  now?: Date;
}) {
  return db.transaction(async (tx) => {
    const attempts = step.attempts + 1;
    const status = afterAttempt(outcome, attempts);
    const [updated] = await tx
      .update(deletionSteps)
      .set({
        status,
        attempts,
        result: outcome.ok ? outcome.result : null,
        error: outcome.ok ? null : outcome.error,
        nextAttemptAt: new Date(now.getTime() + (status === "retrying" ? stepRetryDelayMs(attempts) : 0)),
        finishedAt: status === "retrying" ? null : now,
      })
      .where(and(eq(deletionSteps.id, step.id), eq(deletionSteps.attempts, step.attempts), inArray(deletionSteps.status, ["pending", "retrying"])))
      .returning();
    await refreshDeletionStatus(tx, step.deletionId, now);
    return updated ?? null;
  });
}

async function refreshDeletionStatus(db: Db, deletionId: number, now: Date): Promise<void> {
  const steps = await db.select({ status: deletionSteps.status }).from(deletionSteps).where(eq(deletionSteps.deletionId, deletionId));
  const status = deletionStatus(steps);
  await db
    .update(deletions)
    .set({ status, updatedAt: now, finishedAt: status === "running" ? null : now })
    .where(eq(deletions.id, deletionId));
}

/** The admin's Retry on a failed step: it starts over (attempts reset) and runs at once. */
export async function retryDeletionStep({
  db,
  deletionId,
  stepId,
  outboxName,
  now = new Date(),
}: {
  db: Db;
  deletionId: number;
  stepId: number;
  outboxName: string | null;
  now?: Date;
}) {
  return db.transaction(async (tx) => {
    const [step] = await tx
      .update(deletionSteps)
      .set({ status: "pending", attempts: 0, error: null, nextAttemptAt: now, finishedAt: null })
      .where(
        and(
          eq(deletionSteps.id, stepId),
          eq(deletionSteps.deletionId, deletionId),
          or(eq(deletionSteps.status, "failed"), eq(deletionSteps.status, "retrying")),
        ),
      )
      .returning();
    if (!step) return null;
    await refreshDeletionStatus(tx, deletionId, now);
    if (outboxName) await enqueueOutbox({ db: tx, messages: [{ name: outboxName, payload: { deletionId } }] });
    return step;
  });
}

/** Deletions currently running for these requests (a second "Delete everywhere" waits for the first). */
export async function runningDeletionFor({ db, requestId }: { db: Db; requestId: number }): Promise<DeletionRow | null> {
  const [row] = await db
    .select()
    .from(deletions)
    .where(and(eq(deletions.requestId, requestId), eq(deletions.status, "running")))
    .limit(1);
  return row ?? null;
}

export async function countDeletionsByStatus({ db }: { db: Db }) {
  const rows = await db.select({ status: deletions.status, count: sql<number>`count(*)::int` }).from(deletions).groupBy(deletions.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.count]));
}
