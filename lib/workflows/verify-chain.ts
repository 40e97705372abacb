import "server-only";
import type { Db } from "@/db/client";
import type { Clients } from "@/lib/integrations/clients";
import { lastResortRefresh, raiseNotFound, requestTargetedRescan, verifyAvailability } from "./verify";

/**
 * The verify-availability chain, shared by the Inngest function and the in-process runner: after the wait
 * for Jellyfin's ItemAdded, look the item up; after the first miss rescan the imported paths; re-check after
 * 30 s, 1, 2, 5 and 10 min (a full library scan before the last one); then raise what was checked.
 */
export const recheckBackoff = ["30s", "1m", "2m", "5m", "10m"] as const;
export const recheckBackoffMs = [30_000, 60_000, 120_000, 300_000, 600_000] as const;
export const CHAIN_SUMMARY = `re-checked ${recheckBackoff.length} times over 18½ min`;

/** What follows the `attempt`-th miss (0-based): the side steps to take and the wait before the next check. */
export function afterMiss(attempt: number): { rescan: boolean; lastResort: boolean; next: number | null } {
  return {
    rescan: attempt === 0,
    lastResort: attempt === recheckBackoff.length - 1,
    next: attempt < recheckBackoff.length ? attempt + 1 : null,
  };
}

export type ChainStep = { done: true; status: "available" | "unknown" | "missing" } | { done: false; checked: string[]; waitMs: number };

/** One link of the chain for the in-process runner: check, and on a miss take the side steps and say when next. */
export async function runChainStep(input: { db: Db; clients: Clients; requestId: number; attempt: number; checked: string[] }): Promise<ChainStep> {
  const { db, clients, requestId, attempt } = input;
  const outcome = await verifyAvailability({ db, clients, requestId });
  if (outcome.status !== "missing") return { done: true, status: outcome.status };
  const checked = [...input.checked];
  const plan = afterMiss(attempt);
  if (attempt === 0) checked.push(outcome.checked);
  if (plan.rescan) checked.push(await requestTargetedRescan({ db, clients, requestId }));
  if (plan.lastResort) checked.push(await lastResortRefresh({ db, clients }));
  const waitMs = recheckBackoffMs[attempt];
  if (plan.next === null || waitMs === undefined) {
    await raiseNotFound({ db, requestId, checked: [...checked, CHAIN_SUMMARY] });
    return { done: true, status: "missing" };
  }
  return { done: false, checked, waitMs };
}
