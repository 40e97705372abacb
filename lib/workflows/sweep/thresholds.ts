import "server-only";
import type { Db } from "@/db/client";
import { listStageThresholds, upsertStageThreshold } from "@/db/queries/workflows";
import { durationMs, env } from "@/lib/env";
import type { ItemStage } from "@/lib/domain/stages";

/**
 * Stages the sweep watches and how long (minutes) an item may sit in each before it gets an attention reason.
 * Every sweep looks at watched items at their source regardless (a missed webhook is recovered at once); the
 * threshold only says when waiting becomes a problem worth telling.
 */
export type Thresholds = Partial<Record<ItemStage, number>>;

/**
 * Defaults start from what the tracker can verify: a finished torrent not imported after 10 min; an import
 * not in Jellyfin after IMPORT_WAIT (when the verify chain's first look-up has been made).
 */
export function defaultThresholds(importWait: string = env().IMPORT_WAIT): Thresholds {
  return {
    approved: 120,
    searching: 120,
    grabbing: 60,
    downloading: 24 * 60,
    downloaded: 10,
    importing: Math.max(1, Math.ceil(durationMs(importWait) / 60_000)),
    anime_matching: 30,
  };
}

/** Stages whose threshold an admin can change, in pipeline order. */
export const editableStages = [
  "approved",
  "searching",
  "grabbing",
  "downloading",
  "downloaded",
  "importing",
  "anime_matching",
] as const satisfies readonly ItemStage[];

export async function loadThresholds(db: Db): Promise<Thresholds> {
  const overrides = await listStageThresholds({ db });
  const merged: Thresholds = { ...defaultThresholds() };
  for (const row of overrides) merged[row.stage] = row.afterMinutes;
  return merged;
}

/** Since when the item has been in `stage`, or null if it never recorded reaching it. */
export function stageSince(stageTimes: Partial<Record<string, string>>, stage: string): Date | null {
  const at = stageTimes[stage];
  return at ? new Date(at) : null;
}

/** True when the item sat in `stage` longer than its threshold (`scale` 0 checks at once, after an advance). */
export function isStuck(input: { stage: ItemStage; since: Date | null; now: Date; thresholds: Thresholds; scale?: number }): boolean {
  const minutes = input.thresholds[input.stage];
  if (minutes === undefined) return false;
  const since = input.since ?? new Date(0);
  return input.now.getTime() - since.getTime() >= minutes * 60_000 * (input.scale ?? 1);
}

export type ThresholdRow = { stage: (typeof editableStages)[number]; minutes: number; defaultMinutes: number };

/** What the admin page shows: each editable stage's threshold now and its default. */
export async function thresholdTable(db: Db): Promise<ThresholdRow[]> {
  const current = await loadThresholds(db);
  const defaults = defaultThresholds();
  return editableStages.map((stage) => ({ stage, minutes: current[stage] ?? 0, defaultMinutes: defaults[stage] ?? 0 }));
}

/** Stores the admin's thresholds (all in one transaction); the next sweep uses them. */
export async function saveThresholds({ db, values }: { db: Db; values: Partial<Record<(typeof editableStages)[number], number>> }): Promise<void> {
  await db.transaction(async (tx) => {
    for (const stage of editableStages) {
      const afterMinutes = values[stage];
      if (afterMinutes !== undefined) await upsertStageThreshold({ db: tx, stage, afterMinutes });
    }
  });
}
