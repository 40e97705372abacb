import { log } from "@/lib/log";

/**
 * How a timer loop treats ticks that keep failing (a database that is gone, a service that is down): each failure in a
 * row doubles the wait before the next tick, up to a cap, and the log says so once, then once a minute while it lasts,
 * instead of a line every tick for as long as it lasts.
 */
export type FailingTicks = {
  /** Failures in a row; 0 after a tick that worked. */
  failures: number;
  /** When a failure was last logged (ms since epoch), and what it said. */
  loggedAt: number | null;
  loggedMessage: string | null;
};

export const NO_FAILURES: FailingTicks = { failures: 0, loggedAt: null, loggedMessage: null };

/** A failure still going on is logged again after this long. */
export const REPEAT_LOG_MS = 60_000;

/** The wait before the next tick: the loop's interval, doubled for each failure in a row after the first, up to `capMs`. */
export function delayAfter(state: FailingTicks, everyMs: number, capMs: number): number {
  if (state.failures <= 1) return everyMs;
  return Math.max(everyMs, Math.min(capMs, everyMs * 2 ** Math.min(state.failures - 1, 30)));
}

/** Counts a failure; `log` says whether this one is worth a line (the first, a new message, or a minute on). */
export function recordFailure(state: FailingTicks, message: string, now: number): { state: FailingTicks; log: boolean } {
  const failures = state.failures + 1;
  // Only the first line names the failure: a failed query's message goes on with its parameters (times, ids).
  const first = message.split("\n", 1)[0] ?? message;
  const worth = failures === 1 || first !== state.loggedMessage || state.loggedAt === null || now - state.loggedAt >= REPEAT_LOG_MS;
  return { state: worth ? { failures, loggedAt: now, loggedMessage: first } : { ...state, failures }, log: worth };
}

/** A tick that keeps failing waits longer each time, up to this (a database that is gone, a service that is down). */
const FAILING_TICK_CAP_MS = 60_000;

type LoopOptions = {
  /** Failures are not logged (the tick logs its own). */
  quiet?: boolean;
  /** The longest wait between failing ticks; FAILING_TICK_CAP_MS unless set. */
  capMs?: number;
};

/** Runs `tick` every `everyMs` until stopped; ticks never overlap (see FailingTicks for failures). Resolves the stop. */
export function tickLoop(name: string, everyMs: number, tick: () => Promise<void>, options: LoopOptions = {}): () => Promise<void> {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();
  let failing = NO_FAILURES;
  const schedule = () => {
    if (!stopped) timer = setTimeout(run, delayAfter(failing, everyMs, options.capMs ?? FAILING_TICK_CAP_MS));
  };
  const run = () => {
    running = tick()
      .then(() => {
        if (failing.failures > 0 && !options.quiet) log.info(`${name} tick works again`, { failedTicks: failing.failures });
        failing = NO_FAILURES;
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        const next = recordFailure(failing, message, Date.now());
        failing = next.state;
        if (next.log && !options.quiet) log.warn(`${name} tick failed`, { error: message, failedTicks: failing.failures });
      })
      .finally(schedule);
  };
  schedule();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
