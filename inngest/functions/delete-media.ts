import type { Inngest } from "inngest";
import { STEP_RETRIES } from "@/lib/domain/deletion";
import { deletionPlan, runDeletionStep } from "@/lib/workflows/delete-media/run";
import { defaultRuntime, type Runtime } from "@/lib/workflows/runtime";
import { inngest } from "../client";
import { deletionRequested } from "../events";

/**
 * "Delete everywhere": one step per service, in plan order. A failing service throws while it has attempts
 * left (Inngest retries that step); on its last attempt the failure is recorded and the other services still
 * run. Steps already done are skipped by the service, so a re-run (the admin's Retry) deletes nothing twice.
 */
export function createDeleteMedia(runtime: () => Promise<Runtime> = defaultRuntime, client: Inngest = inngest) {
  return client.createFunction(
    { id: "delete-media", triggers: [{ event: deletionRequested }], retries: STEP_RETRIES, concurrency: { limit: 1, key: "event.data.deletionId" } },
    async ({ event, step }) => {
      const deletionId = event.data.deletionId;
      const services = await step.run("plan", async () => deletionPlan({ db: (await runtime()).db, deletionId }));
      const results = [];
      for (const service of services) {
        results.push(
          await step.run(`delete-${service}`, async () => {
            const { db, clients } = await runtime();
            const run = await runDeletionStep({ db, clients, deletionId, service });
            if (run.status === "retrying") throw new Error(run.error ?? `${service} failed`);
            return run;
          }),
        );
      }
      return results;
    },
  );
}

export const deleteMediaFn = createDeleteMedia();
