// GET /api/health — liveness for anyone; integrations, webhooks, workflow engine and outbox for admins and the API token
import { sql } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { mayReadHealthDetail } from "@/lib/auth/read-access";
import { env } from "@/lib/env";
import { checkHealth } from "@/lib/health/check";
import { clientsFromEnv } from "@/lib/integrations/clients";
import { workflowState } from "@/lib/workflows/boot";

export async function GET(request: Request): Promise<Response> {
  let database;
  try {
    database = await getDatabase();
    await database.db.execute(sql`select 1`);
  } catch {
    return Response.json({ status: "degraded", database: { reachable: false } }, { status: 503 });
  }
  if (!(await mayReadHealthDetail(request))) return Response.json({ status: "ok", database: { reachable: true } });
  try {
    const state = workflowState();
    const report = await checkHealth({ db: database.db, clients: clientsFromEnv(), env: env(), shokoHubConnected: state.shokoHubConnected, lastSweepAt: state.lastSweepAt });
    return Response.json({ status: "ok", database: { kind: database.kind, reachable: true }, ...report });
  } catch {
    return Response.json({ status: "degraded", database: { kind: database.kind, reachable: false } }, { status: 503 });
  }
}
