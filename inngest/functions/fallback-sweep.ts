import { cron } from "inngest";
import { enqueueOutbox } from "@/db/queries/outbox";
import { applyTrackerEvents } from "@/lib/ingest/tracker";
import { defaultRuntime, type Runtime } from "@/lib/workflows/runtime";
import { runSweep } from "@/lib/workflows/sweep/sweep";
import type { Inngest } from "inngest";
import { inngest } from "../client";
import { sweepRequested } from "../events";

/**
 * Every 2 minutes (and from the admin button): the fallback checker. Items still missing from Jellyfin are
 * handed to verify-availability through the outbox, with an id per request and hour so repeats collapse.
 */
export function createFallbackSweep(runtime: () => Promise<Runtime> = defaultRuntime, client: Inngest = inngest) {
  return client.createFunction(
    {
      id: "fallback-sweep",
      triggers: [cron("*/2 * * * *"), { event: sweepRequested }],
      concurrency: { limit: 1 },
      onFailure: async ({ error }) => {
        const { db } = await runtime();
        await applyTrackerEvents({
          db,
          source: "tracker",
          events: [
            { type: "note", event: "sweep.failed", message: `The fallback sweep failed: ${error.message}`, media: null, jellyseerrRequestId: null },
          ],
        });
      },
    },
    async ({ step }) =>
      step.run("sweep", async () => {
        const { db, clients } = await runtime();
        return runSweep({
          db,
          clients,
          handOff: async (requestId) => enqueueOutbox({ db, messages: [{ name: "tracker/verify.requested", payload: { requestId } }] }),
        });
      }),
  );
}

export const fallbackSweepFn = createFallbackSweep();
