import "server-only";
import type { Database } from "@/db/client";
import type { Clients } from "@/lib/integrations/clients";
import { log } from "@/lib/log";
import { intakeWorker } from "./intake";
import { drainOutbox, type OutgoingEvent, type Send } from "./outbox";
import { pollDownloads } from "./poller";
import { runSweep } from "./sweep/sweep";
import { notifyConfigFromEnv } from "./notify/config";
import { runNotifyTick } from "./notify/run";
import { verifyAvailability } from "./verify";

/** Any fixed number shared by every instance: one sweep at a time across all of them. */
export const SWEEP_LOCK = 727_102;

export type SchedulerOptions = {
  database: () => Promise<Database>;
  clients: Clients;
  pollMs: number;
  sweepMs: number;
  /** Inngest configured: the relay sends the outbox there and the sweep stays off (Inngest's cron runs it). */
  send: Send | null;
  /** How often notifications are collected (and, embedded, sent); 1 s by default. */
  notifyMs?: number;
};

export type Scheduler = { stop(): Promise<void>; lastSweepAt(): Date | null };

/** Embedded handling of outbox events: one availability check now; the next sweep owns the rest of the chain. */
export function localSend(database: () => Promise<Database>, clients: Clients): Send {
  return async (events) => {
    const { db } = await database();
    for (const e of events) {
      const requestId = Number(e.data.requestId);
      const wantsCheck = e.name === "tracker/anime.matched" || e.name === "tracker/verify.requested" || (e.name === "tracker/import.completed" && e.data.isAnime === false);
      if (wantsCheck && Number.isInteger(requestId)) await verifyAvailability({ db, clients, requestId });
    }
  };
}

/**
 * One outbox tick. To Inngest the rows are sent inside the drain's transaction (a failed send keeps them).
 * Embedded, the checks run only after that transaction committed: PGlite is a single connection, so a check
 * querying the database from inside the drain would wait on the drain forever. A check that fails here is
 * not retried from the outbox; the next sweep looks at the request again.
 */
export async function relayOutbox(database: () => Promise<Database>, clients: Clients, send: Send | null): Promise<void> {
  const { db } = await database();
  if (send) {
    await drainOutbox({ db, send });
    return;
  }
  const drained: OutgoingEvent[] = [];
  await drainOutbox({ db, send: async (events) => void drained.push(...events) });
  if (drained.length > 0) await localSend(database, clients)(drained);
}

function loop(name: string, everyMs: number, tick: () => Promise<void>, options: { quiet?: boolean } = {}): () => Promise<void> {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();
  const schedule = () => {
    if (!stopped) timer = setTimeout(run, everyMs);
  };
  const run = () => {
    running = tick()
      .catch((error: unknown) => {
        if (!options.quiet) log.warn(`${name} tick failed`, { error: error instanceof Error ? error.message : String(error) });
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

/**
 * The in-process fallback timer (DESIGN §4): the poller every POLL_INTERVAL_SECONDS, the outbox relay every
 * few seconds, the intake worker (spool replay, pending retries) every second, and — only without Inngest — the sweep every SWEEP_INTERVAL_SECONDS under a session advisory
 * lock so one instance sweeps at a time. Ticks never overlap; a failed tick waits for the next one.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { database, clients } = options;
  let lastSweep: Date | null = null;
  const stops: (() => Promise<void>)[] = [];
  if (clients.qbit) {
    const qbit = clients.qbit;
    stops.push(loop("poller", options.pollMs, async () => void (await pollDownloads({ db: (await database()).db, qbit }))));
  }
  stops.push(loop("outbox", 5000, () => relayOutbox(database, clients, options.send)));
  // Spool replay and pending retries: every second, so a database that comes back is caught up at once. While it
  // is away every tick fails the same way; the intake logs that itself.
  stops.push(loop("intake", 1000, intakeWorker(database), { quiet: true }));
  // Notifications: collected here in both modes; sent here only without Inngest (else its `notify` function sends).
  stops.push(
    loop("notify", options.notifyMs ?? 1000, async () => {
      await runNotifyTick({ db: (await database()).db, now: new Date(), config: notifyConfigFromEnv(), deliver: !options.send });
    }),
  );
  if (!options.send) {
    stops.push(
      loop("sweep", options.sweepMs, async () => {
        const d = await database();
        // No hand-off: embedded, the sweep rescans and reports itself; the next sweep re-checks.
        const outcome = await d.withAdvisoryLock(SWEEP_LOCK, () => runSweep({ db: d.db, clients, handOff: null }));
        if (outcome.acquired) lastSweep = new Date();
      }),
    );
  }
  return { stop: async () => void (await Promise.all(stops.map((s) => s()))), lastSweepAt: () => lastSweep };
}
