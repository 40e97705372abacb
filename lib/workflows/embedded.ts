import "server-only";
import type { Database, Lease } from "@/db/client";
import type { Clients } from "@/lib/integrations/clients";
import { durationMs, env } from "@/lib/env";
import { runDueChecks, takeOutboxEvent } from "./check-runner";
import { intakeWorker } from "./intake";
import { drainOutbox, type Send } from "./outbox";
import { pollDownloads } from "./poller";
import { hasDueDeletions, runDueDeletions } from "./delete-media/run";
import { runSweep } from "./sweep/sweep";
import { notifyConfigFromEnv } from "./notify/config";
import { notifyTicker } from "./notify/run";
import { tickLoop } from "./tick-loop";

/** Any fixed number shared by every instance: one sweep at a time across all of them. */
export const SWEEP_LOCK = 727_102;
/** Held for as long as an instance is the one polling qBittorrent (distinct from the poller's per-tick lock). */
export const POLLER_LEASE = 727_103;
/** One runner of "Delete everywhere" steps at a time across instances, so no step runs twice at once. */
export const DELETION_LOCK = 727_121;

export type SchedulerOptions = {
  database: () => Promise<Database>;
  clients: Clients;
  pollMs: number;
  sweepMs: number;
  /** Inngest configured: the relay sends the outbox there and the sweep stays off (Inngest's cron runs it). */
  send: Send | null;
  /** How often the notification tick looks for work (a pass only when there is some, see notify/gate.ts); 1 s by default. */
  notifyMs?: number;
};

export type Scheduler = { stop(): Promise<void>; lastSweepAt(): Date | null /** This instance holds the poller lease. */; polling(): boolean };

/** Embedded handling of outbox events: the same work the Inngest functions do, as due rows for the runner. */
export function localSend(database: () => Promise<Database>, clients: Clients, now: () => Date = () => new Date()): Send {
  return async (events) => {
    const { db } = await database();
    const importWaitMs = durationMs(env().IMPORT_WAIT);
    for (const event of events) await takeOutboxEvent({ db, clients, event, now: now(), importWaitMs });
  };
}

/**
 * One outbox tick: to Inngest, or embedded to the runner's due rows, then every due verify step. The drain
 * claims rows, sends outside any transaction and marks them sent after (see drainOutbox).
 */
export async function relayOutbox(
  database: () => Promise<Database>,
  clients: Clients,
  send: Send | null,
  now: () => Date = () => new Date(),
): Promise<void> {
  const { db } = await database();
  if (send) {
    await drainOutbox({ db, send });
    return;
  }
  await drainOutbox({ db, send: localSend(database, clients, now), now: now() });
  await runDueChecks({ db, clients, now: now() });
}

/**
 * The in-process fallback timer (DESIGN §4): the poller every POLL_INTERVAL_SECONDS, the outbox relay every
 * few seconds, the intake worker (spool replay, pending retries) every second, and — only without Inngest — the sweep every SWEEP_INTERVAL_SECONDS under a session advisory
 * lock so one instance sweeps at a time. Ticks never overlap. A tick that keeps failing (a database that is gone) waits
 * twice as long each time, up to a minute, and is logged once a minute (lib/workflows/tick-loop.ts); the intake
 * alone keeps its second, quietly, so a database that comes back is caught up at once.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { database, clients } = options;
  let lastSweep: Date | null = null;
  let polling = false;
  const stops: (() => Promise<void>)[] = [];
  if (clients.qbit) {
    const qbit = clients.qbit;
    // One instance polls: the holder of the lease. If it dies its connection closes, and another instance takes
    // the lease at its next tick, so polling moves over within one interval.
    let lease: Lease | null = null;
    stops.push(
      tickLoop("poller", options.pollMs, async () => {
        const d = await database();
        lease ??= d.lease(POLLER_LEASE);
        polling = await lease.held();
        if (polling) await pollDownloads({ db: d.db, qbit });
      }),
    );
    stops.push(async () => {
      polling = false;
      await lease?.release();
    });
  }
  // Embedded, this tick also runs the verify chain's due steps: 30 s is its shortest wait, so 5 s is close enough.
  stops.push(tickLoop("outbox", 5000, () => relayOutbox(database, clients, options.send)));
  // Spool replay and pending retries: every second, so a database that comes back is caught up at once. While it
  // is away every tick fails the same way, quietly: the webhooks it spools are logged where they arrive.
  stops.push(tickLoop("intake", 1000, intakeWorker(database), { quiet: true, capMs: 1000 }));
  // Notifications: collected here in both modes; sent here only without Inngest (else its `notify` function sends).
  const notify = notifyTicker({ db: async () => (await database()).db, config: () => notifyConfigFromEnv(), deliver: !options.send });
  stops.push(
    tickLoop("notify", options.notifyMs ?? 1000, async () => {
      await notify();
    }),
  );
  if (!options.send) {
    stops.push(
      tickLoop("sweep", options.sweepMs, async () => {
        const d = await database();
        // No hand-off: embedded, the sweep rescans and reports itself; the next sweep re-checks.
        const outcome = await d.withAdvisoryLock(SWEEP_LOCK, () => runSweep({ db: d.db, clients, handOff: null }));
        if (outcome.acquired) lastSweep = new Date();
      }),
    );
    stops.push(
      tickLoop("deletions", 2000, async () => {
        const d = await database();
        // Nearly every tick finds nothing due: asked on the pool first, so the lock's own connection (a new server
        // process each time) is opened only when there is a step to run.
        if (!(await hasDueDeletions({ db: d.db }))) return;
        await d.withAdvisoryLock(DELETION_LOCK, () => runDueDeletions({ db: d.db, clients }));
      }),
    );
  }
  // Stopped in order: the poller loop has finished its tick before its lease is released.
  const stop = async () => {
    for (const s of stops) await s();
  };
  return { stop, lastSweepAt: () => lastSweep, polling: () => polling };
}
