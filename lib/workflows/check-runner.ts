import "server-only";
import type { Db } from "@/db/client";
import { advancePendingCheck, claimDuePendingChecks, finishPendingCheck, schedulePendingCheck } from "@/db/queries/pending-checks";
import type { Clients } from "@/lib/integrations/clients";
import { log } from "@/lib/log";
import { listRequestEpisodes } from "./episodes";
import type { OutgoingEvent } from "./outbox";
import { runChainStep } from "./verify-chain";

/** A claim outlives any chain step (its calls are bounded by the integration timeout); a crashed runner's expires. */
const LEASE_MS = 5 * 60_000;

/**
 * What the in-process runner does with an outbox event, like the Inngest functions would: an import (or a
 * Shoko match, or the sweep's hand-off) starts the verify chain as a due row, first check after IMPORT_WAIT;
 * an approved tv request gets Sonarr's episode list at once.
 */
export async function takeOutboxEvent(input: { db: Db; clients: Clients; event: OutgoingEvent; now: Date; importWaitMs: number }): Promise<void> {
  const { db, event } = input;
  const requestId = Number(event.data.requestId);
  if (!Number.isInteger(requestId)) return;
  const dueAt = new Date(input.now.getTime() + input.importWaitMs);
  switch (event.name) {
    case "tracker/import.completed":
      if (event.data.isAnime === false) await schedulePendingCheck({ db, requestId, dueAt, restart: true });
      return;
    case "tracker/anime.matched":
      await schedulePendingCheck({ db, requestId, dueAt, restart: true });
      return;
    case "tracker/verify.requested":
      await schedulePendingCheck({ db, requestId, dueAt, restart: false });
      return;
    case "tracker/episodes.requested":
      await listRequestEpisodes({ db, clients: input.clients, requestId });
      return;
  }
}

/**
 * Runs every verify-chain step that is due: claim (one statement), check outside any transaction, then write
 * the next step back with a compare-and-set on the claim. A restart finds the rows and carries on.
 */
export async function runDueChecks({
  db,
  clients,
  now = new Date(),
  limit = 20,
}: {
  db: Db;
  clients: Clients;
  now?: Date;
  limit?: number;
}): Promise<number> {
  const claims = await claimDuePendingChecks({ db, now, leaseMs: LEASE_MS, limit });
  for (const claim of claims) {
    try {
      const step = await runChainStep({ db, clients, requestId: claim.requestId, attempt: claim.attempt, checked: claim.checked });
      if (step.done) await finishPendingCheck({ db, claim });
      else await advancePendingCheck({ db, claim, attempt: claim.attempt + 1, dueAt: new Date(now.getTime() + step.waitMs), checked: step.checked });
    } catch (error) {
      // The claim runs out and the step is retried; the sweep also keeps looking at the request.
      log.warn("verify step failed", { requestId: claim.requestId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return claims.length;
}
