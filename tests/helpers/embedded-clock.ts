import { getDatabase } from "@/db/client";
import type { Clients } from "@/lib/integrations/clients";
import { relayOutbox } from "@/lib/workflows/embedded";
import { pollDownloads } from "@/lib/workflows/poller";
import { runSweep } from "@/lib/workflows/sweep/sweep";

/**
 * The embedded scheduler on a virtual clock: the same ticks `startScheduler` runs (outbox relay + due verify
 * steps every 5 s, the poller, the sweep every SWEEP_INTERVAL_SECONDS) with the default intervals, but time
 * jumps from tick to tick instead of passing. `world` runs before each tick: what the upstreams do by then.
 */
export async function runEmbeddedUntil(input: {
  clients: Clients;
  start: Date;
  limitMs: number;
  world: (elapsedMs: number) => Promise<void> | void;
  done: () => Promise<boolean>;
  sweepMs?: number;
  tickMs?: number;
}): Promise<{ elapsedMs: number | null; sweeps: number }> {
  const tickMs = input.tickMs ?? 5000;
  const sweepMs = input.sweepMs ?? 120_000;
  const db = (await getDatabase()).db;
  let sweeps = 0;
  for (let elapsed = 0; elapsed <= input.limitMs; elapsed += tickMs) {
    const now = new Date(input.start.getTime() + elapsed);
    await input.world(elapsed);
    if (input.clients.qbit) await pollDownloads({ db, qbit: input.clients.qbit });
    await relayOutbox(getDatabase, input.clients, null, () => now);
    if (elapsed > 0 && elapsed % sweepMs === 0) {
      const report = await runSweep({ db, clients: input.clients, now, handOff: null });
      if (report.errors.length > 0) throw new Error(`sweep errors: ${report.errors.join("; ")}`);
      sweeps += 1;
      await relayOutbox(getDatabase, input.clients, null, () => now);
    }
    if (await input.done()) return { elapsedMs: elapsed, sweeps };
  }
  return { elapsedMs: null, sweeps };
}
