import "server-only";
import { getDatabase } from "@/db/client";
import { env, inngestConfigured } from "@/lib/env";
import { clientsFromEnv } from "@/lib/integrations/clients";
import { createShokoClient } from "@/lib/integrations/shoko/client";
import { signalrEventSource } from "@/lib/integrations/shoko/hub";
import { log } from "@/lib/log";
import { startScheduler, type Scheduler } from "./embedded";
import { librarySyncAtStart } from "./library-sync-start";
import { startShokoListener, type ShokoListener } from "./shoko-listener";

type Holder = {
  __statusTrackerWorkflows?: { scheduler: Scheduler; shoko: ShokoListener | null };
  __statusTrackerWorkflowsStarting?: Promise<void>;
};
const holder = globalThis as typeof globalThis & Holder;

/** What the health endpoint reports about the in-process workers. */
export function workflowState() {
  const w = holder.__statusTrackerWorkflows;
  return { running: Boolean(w), shokoHubConnected: w?.shoko?.connected() ?? null, lastSweepAt: w?.scheduler.lastSweepAt() ?? null };
}

/**
 * Starts the in-process workers once per process (instrumentation `register()`): the poller, the outbox relay,
 * the Shoko hub listener and, when no Inngest server is configured, the fallback sweep on a timer.
 */
export function startWorkflows(): Promise<void> {
  // Claimed before the first await: a second call in the same process (Next can load a module twice) waits
  // on the first instead of starting a second set of timers.
  holder.__statusTrackerWorkflowsStarting ??= start().catch((error: unknown) => {
    holder.__statusTrackerWorkflowsStarting = undefined; // a failed start is not remembered: a later call retries
    throw error;
  });
  return holder.__statusTrackerWorkflowsStarting;
}

async function start(): Promise<void> {
  const e = env();
  // Opened (the embedded server started, migrations applied) while the first pages render, not on the first query;
  // a failure is logged by getDatabase and retried by the next caller.
  getDatabase().catch(() => {});
  const clients = clientsFromEnv(e);
  const durable = inngestConfigured(e);
  const send = durable ? await inngestSend() : null;
  const scheduler = startScheduler({
    database: getDatabase,
    clients,
    pollMs: e.POLL_INTERVAL_SECONDS * 1000,
    sweepMs: e.SWEEP_INTERVAL_SECONDS * 1000,
    send,
  });
  let shoko: ShokoListener | null = null;
  if (e.SHOKO_URL && e.SHOKO_API_KEY) {
    const source = signalrEventSource({ url: e.SHOKO_URL, apiKey: e.SHOKO_API_KEY });
    const client = createShokoClient({ url: e.SHOKO_URL, apiKey: e.SHOKO_API_KEY, timeoutMs: e.INTEGRATION_TIMEOUT_MS });
    shoko = await startShokoListener({ source, getDb: async () => (await getDatabase()).db, shoko: client, durable });
  }
  holder.__statusTrackerWorkflows = { scheduler, shoko };
  await librarySyncAtStart().catch((error: unknown) =>
    log.warn("library sync at start failed", { error: error instanceof Error ? error.message : String(error) }),
  );
  log.info("workflows started", { engine: durable ? "inngest" : "embedded", poller: Boolean(clients.qbit), shokoHub: Boolean(shoko) });
}

async function inngestSend() {
  const { inngest } = await import("@/inngest/client");
  return async (events: { id: string; name: string; data: Record<string, unknown> }[]) => {
    await inngest.send(events);
  };
}
