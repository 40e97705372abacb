import "server-only";
import { getDeletion, insertDeletion, retryDeletionStep, runningDeletionFor, type DeletionWithSteps } from "@/db/queries/deletions";
import { deletionRequested } from "@/inngest/events";
import type { ActionContext } from "@/lib/actions/perform";
import { authorizedRequest } from "@/lib/actions/perform";
import { actorIsAdmin, actorName } from "@/lib/auth/act-access";
import { planDeletion, possibleSteps, type DeletionChoices, type DeletionService } from "@/lib/domain/deletion";
import { inngestConfigured } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { gatherDeletionFacts, type Unreachable } from "./facts";

export type DeletionPreview = {
  requestId: number;
  title: string;
  mediaType: "movie" | "tv";
  steps: { service: DeletionService; description: string }[];
  unreachable: Unreachable[];
};

/** With Inngest the confirmed deletion starts `delete-media` through the outbox; embedded, the runner picks it up. */
function outboxName(): string | null {
  return inngestConfigured() ? deletionRequested.name : null;
}

/** Exactly what "Delete everywhere" would remove with these choices, asked live from each service. */
export async function previewDeletion(ctx: ActionContext, requestId: number, choices: Omit<DeletionChoices, "services">): Promise<DeletionPreview> {
  const row = await authorizedRequest(ctx, requestId, "delete");
  const { facts, unreachable } = await gatherDeletionFacts({ db: ctx.db, clients: ctx.clients, row });
  const steps = possibleSteps(facts, choices).map((s) => ({ service: s.service, description: s.description }));
  return { requestId: row.id, title: row.title, mediaType: row.mediaType, steps, unreachable };
}

/** The admin confirmed: the plan is computed again here (never taken from the browser) and recorded with its steps. */
export async function startDeletion(ctx: ActionContext, requestId: number, choices: DeletionChoices): Promise<DeletionWithSteps> {
  const row = await authorizedRequest(ctx, requestId, "delete");
  if (await runningDeletionFor({ db: ctx.db, requestId })) throw new AppError("bad_request", "A deletion of this request is already running");
  const { facts } = await gatherDeletionFacts({ db: ctx.db, clients: ctx.clients, row });
  const steps = planDeletion(facts, choices);
  const deletion = await insertDeletion({
    db: ctx.db,
    requestId,
    title: row.title,
    mediaType: row.mediaType,
    by: actorName(ctx.actor),
    steps,
    outboxName: outboxName(),
  });
  const found = await getDeletion({ db: ctx.db, id: deletion.id });
  if (!found) throw new AppError("internal", "The deletion disappeared");
  return found;
}

/** Bulk delete from History: each request on its own (one that cannot be deleted does not stop the others). */
export async function startBulkDeletion(ctx: ActionContext, requestIds: number[], choices: DeletionChoices) {
  const results: ({ requestId: number; deletionId: number } | { requestId: number; error: string })[] = [];
  for (const requestId of [...new Set(requestIds)]) {
    try {
      results.push({ requestId, deletionId: (await startDeletion(ctx, requestId, choices)).id });
    } catch (error) {
      if (error instanceof AppError && error.code === "forbidden") throw error;
      results.push({ requestId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}

/** The admin's Retry on a failed step of the deletion log. */
export async function retryDeletion(ctx: ActionContext, deletionId: number, stepId: number): Promise<DeletionWithSteps> {
  if (!actorIsAdmin(ctx.actor)) throw new AppError("forbidden", "Only an admin can do this");
  const step = await retryDeletionStep({ db: ctx.db, deletionId, stepId, outboxName: outboxName() });
  if (!step) throw new AppError("not_found", `No failed step ${stepId} in deletion ${deletionId}`);
  const found = await getDeletion({ db: ctx.db, id: deletionId });
  if (!found) throw new AppError("not_found", `No deletion ${deletionId}`);
  return found;
}
