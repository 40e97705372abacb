// GET /api/health — liveness, database, integrations, webhooks, Shoko hub, workflow engine and outbox; nothing private
import { getDatabase } from "@/db/client";
import { env } from "@/lib/env";
import { checkHealth } from "@/lib/health/check";
import { clientsFromEnv } from "@/lib/integrations/clients";
import { workflowState } from "@/lib/workflows/boot";

export async function GET(): Promise<Response> {
  let database;
  try {
    database = await getDatabase();
  } catch {
    return Response.json({ status: "degraded", database: { reachable: false } }, { status: 503 });
  }
  try {
    const state = workflowState();
    const report = await checkHealth({ db: database.db, clients: clientsFromEnv(), env: env(), shokoHubConnected: state.shokoHubConnected, lastSweepAt: state.lastSweepAt });
    return Response.json({ status: "ok", database: { driver: database.driver, reachable: true }, ...report });
  } catch {
    return Response.json({ status: "degraded", database: { driver: database.driver, reachable: false } }, { status: 503 });
  }
}
