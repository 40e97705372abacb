import "server-only";
import { getDatabase } from "@/db/client";
import { inngestConfigured } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { clientsFromEnv } from "@/lib/integrations/clients";
import { SWEEP_LOCK } from "./embedded";
import { runSweep, type SweepReport } from "./sweep/sweep";

/** The admin button: ask Inngest to run fallback-sweep, or run it here under the same lock as the timer. */
export async function runSweepNow(): Promise<{ engine: "inngest"; queued: true } | { engine: "embedded"; report: SweepReport }> {
  if (inngestConfigured()) {
    const { inngest } = await import("@/inngest/client");
    try {
      await inngest.send({ name: "tracker/sweep.requested", data: { by: "admin" } });
    } catch {
      throw new AppError("service_unavailable", "The workflow engine (Inngest) is unreachable");
    }
    return { engine: "inngest", queued: true };
  }
  const database = await getDatabase();
  const outcome = await database.withAdvisoryLock(SWEEP_LOCK, () => runSweep({ db: database.db, clients: clientsFromEnv() }));
  if (!outcome.acquired) throw new AppError("service_unavailable", "A sweep is already running");
  return { engine: "embedded", report: outcome.value };
}
