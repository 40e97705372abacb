import { env } from "@/lib/env";
import { applyTrackerEvents } from "@/lib/ingest/tracker";
import { defaultRuntime, type Runtime } from "@/lib/workflows/runtime";
import { lastResortRefresh, raiseNotFound, requestTargetedRescan, verifyAvailability } from "@/lib/workflows/verify";
import { afterMiss, CHAIN_SUMMARY, recheckBackoff } from "@/lib/workflows/verify-chain";
import type { Inngest } from "inngest";
import { inngest } from "../client";
import { animeMatched, importCompleted, librarySeen, verifyRequested } from "../events";

/** Re-check schedule after the wait for Jellyfin's own ItemAdded (shared with the in-process runner). */
export { recheckBackoff };

export function createVerifyAvailability(runtime: () => Promise<Runtime> = defaultRuntime, client: Inngest = inngest) {
  return client.createFunction(
    {
      id: "verify-availability",
      triggers: [{ event: importCompleted, if: "event.data.isAnime == false" }, { event: animeMatched }, { event: verifyRequested }],
      concurrency: { key: "event.data.requestId", limit: 1 },
      onFailure: async ({ event, error }) => {
        const { db } = await runtime();
        const requestId = Number((event.data.event.data as { requestId?: unknown }).requestId);
        if (!Number.isInteger(requestId)) return;
        const reason = `Could not verify it in Jellyfin: ${error.message}`;
        await applyTrackerEvents({ db, source: "tracker", events: [{ type: "attention.raised", requestId, kind: "upstream_error", reason }] });
      },
    },
    async ({ event, step }) => {
      const { requestId } = event.data;
      const seen = await step.waitForEvent("wait-for-jellyfin", {
        event: librarySeen,
        timeout: env().IMPORT_WAIT,
        if: `async.data.requestId == ${requestId}`,
      });
      const checked: string[] = [];
      if (seen) checked.push("Jellyfin reported it");
      for (let attempt = 0; ; attempt += 1) {
        const outcome = await step.run(`check-library-${attempt}`, async () => verifyAvailability({ ...(await runtime()), requestId }));
        if (outcome.status !== "missing") return { status: outcome.status, attempts: attempt + 1 };
        const plan = afterMiss(attempt);
        if (attempt === 0) checked.push(outcome.checked);
        if (plan.rescan) checked.push(await step.run("targeted-rescan", async () => requestTargetedRescan({ ...(await runtime()), requestId })));
        if (plan.lastResort) checked.push(await step.run("last-resort-refresh", async () => lastResortRefresh(await runtime())));
        const wait = recheckBackoff[attempt];
        if (plan.next === null || !wait) break;
        await step.sleep(`backoff-${attempt + 1}`, wait);
      }
      checked.push(CHAIN_SUMMARY);
      await step.run("raise-not-found", async () => raiseNotFound({ db: (await runtime()).db, requestId, checked }));
      return { status: "missing" as const, attempts: recheckBackoff.length + 1 };
    },
  );
}

export const verifyAvailabilityFn = createVerifyAvailability();
