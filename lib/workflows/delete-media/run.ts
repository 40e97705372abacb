import "server-only";
import type { Db } from "@/db/client";
import { getDeletion, listDueDeletionIds, recordStepOutcome } from "@/db/queries/deletions";
import type { DeletionService } from "@/lib/domain/deletion";
import type { Clients } from "@/lib/integrations/clients";
import { executeDeletionStep } from "./execute";

export type StepRun = { service: DeletionService; status: "done" | "retrying" | "failed" | "skipped"; error: string | null };

/**
 * One step of one deletion: the unit Inngest retries (`delete-media`) and the in-process runner calls. A step
 * already done (or failed for good) is not called again, so resuming after a crash or a second run deletes
 * nothing twice; the outcome is recorded with a compare-and-set on the attempt count.
 */
export async function runDeletionStep({
  db,
  clients,
  deletionId,
  service,
  now = new Date(),
}: {
  db: Db;
  clients: Clients;
  deletionId: number;
  service: DeletionService;
  now?: Date;
}): Promise<StepRun> {
  const deletion = await getDeletion({ db, id: deletionId });
  const step = deletion?.steps.find((s) => s.service === service);
  if (!deletion || !step || step.status === "done" || step.status === "failed") return { service, status: "skipped", error: null };
  const outcome = await executeDeletionStep({ db, clients, target: step.target, by: deletion.requestedBy });
  const updated = await recordStepOutcome({ db, step, outcome, now });
  if (!updated) return { service, status: "skipped", error: null };
  const status = updated.status === "pending" ? "retrying" : updated.status;
  return { service, status, error: updated.error };
}

/** The services of a deletion in run order (what `delete-media` makes one step each of). */
export async function deletionPlan({ db, deletionId }: { db: Db; deletionId: number }): Promise<DeletionService[]> {
  return (await getDeletion({ db, id: deletionId }))?.steps.map((s) => s.service) ?? [];
}

/** Whether any deletion has a step due now (one cheap read, before the runner takes its lock). */
export async function hasDueDeletions({ db, now = new Date() }: { db: Db; now?: Date }): Promise<boolean> {
  return (await listDueDeletionIds({ db, now, limit: 1 })).length > 0;
}

/** Embedded runner: every deletion with a step due now, each due step in order. Resumes whatever a crash left. */
export async function runDueDeletions({ db, clients, now = new Date() }: { db: Db; clients: Clients; now?: Date }): Promise<StepRun[]> {
  const runs: StepRun[] = [];
  for (const deletionId of await listDueDeletionIds({ db, now })) {
    const deletion = await getDeletion({ db, id: deletionId });
    for (const step of deletion?.steps ?? []) {
      const due = step.status === "pending" || (step.status === "retrying" && step.nextAttemptAt.getTime() <= now.getTime());
      if (due) runs.push(await runDeletionStep({ db, clients, deletionId, service: step.service, now }));
    }
  }
  return runs;
}
