/**
 * The demo's clock. DEMO_PACE scales every moment of it: each scenario step, each simulated download, the
 * batch interval and the intervals the demo gives the app. 1 (the default) is the demo as people watch it;
 * 2 plays it at half speed, 0.75 (the end-to-end test) the same story in three quarters of the time.
 */

/**
 * Minutes an item may sit in a stage before the sweep checks it at the source (the `stage_thresholds` table
 * the sweep reads). The defaults are hours; the demo shortens the stages its trouble cases sit in, so the
 * lost import and the Shoko match failure surface within a minute or two. 1 is the column's smallest
 * useful value (whole minutes): 0 would also question healthy flows between two webhooks.
 */
export const demoThresholds = { downloaded: 1, importing: 1, anime_matching: 1 } as const;

/**
 * Trouble cases are sorted out (the swarm returns, someone imports by hand, the match is fixed) this long,
 * in demo time, after they started.
 */
export const RESOLVE_AT = 150_000;

/** The sweep's interval in the demo at pace 1; lib/env.ts accepts no less than SWEEP_FLOOR_SECONDS. */
const SWEEP_SECONDS = 10;
const SWEEP_FLOOR_SECONDS = 10;
/** Demo time by which every trouble case has reached the stage its threshold watches (the Shoko file: 18 s). */
const STAGE_REACHED_BY = 30_000;
/** How long a trouble case stays on screen, at least, before it is sorted out. */
const SHOWN_FOR = 10_000;

/**
 * Neither the one-minute thresholds nor the sweep's floor scale, so a faster pace would sort a trouble case
 * out before it could show: it reaches its stage, waits out the threshold and up to two sweeps (one may just
 * have started), and must still be seen for SHOWN_FOR. This is the fastest pace that keeps the story whole.
 */
export const MIN_PACE =
  (Math.max(...Object.values(demoThresholds)) * 60_000 + 2 * SWEEP_FLOOR_SECONDS * 1000 + SHOWN_FOR) / (RESOLVE_AT - STAGE_REACHED_BY);

/** DEMO_PACE as a number: unset or empty is 1; anything that is not a number, or below MIN_PACE, is refused. */
export function demoPace(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 1;
  const pace = Number(raw);
  if (!Number.isFinite(pace) || pace < MIN_PACE) {
    throw new Error(
      `DEMO_PACE must be a number of at least ${MIN_PACE} (got "${raw}"): the sweep thresholds are a whole minute, so a faster demo would sort its trouble cases out before they show`,
    );
  }
  return pace;
}

/**
 * The app's timing settings the demo chooses, at this pace, each kept within what lib/env.ts accepts; a value
 * already in the environment wins. At pace 1 these are 2 s polling, a 10 s sweep and 30 s notification batches.
 */
export function pacedAppSettings(pace: number, env: Record<string, string | undefined>): Record<string, string> {
  return {
    POLL_INTERVAL_SECONDS: env.POLL_INTERVAL_SECONDS ?? String(Math.max(1, 2 * pace)),
    SWEEP_INTERVAL_SECONDS: env.SWEEP_INTERVAL_SECONDS ?? String(Math.max(SWEEP_FLOOR_SECONDS, Math.round(SWEEP_SECONDS * pace))),
    NOTIFY_BATCH_SECONDS: env.NOTIFY_BATCH_SECONDS ?? String(Math.round(30 * pace)),
  };
}
