// GET /api/health — liveness (and the delivery spool when the database is away) for anyone; integrations, webhooks,
// workflow engine, outbox and intake backlog for admins and the API token
import { sql } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { mayReadHealthDetail } from "@/lib/auth/read-access";
import { env } from "@/lib/env";
import { checkHealth } from "@/lib/health/check";
import { spoolBacklog } from "@/lib/ingest/intake";
import { clientsFromEnv } from "@/lib/integrations/clients";
import { workflowState } from "@/lib/workflows/boot";

export async function GET(request: Request): Promise<Response> {
  let database: Awaited<ReturnType<typeof getDatabase>>;
  try {
    database = await getDatabase();
    await database.db.execute(sql`select 1`);
  } catch {
    // Webhooks are still acknowledged into the spool meanwhile; its backlog says how many wait.
    return Response.json({ status: "degraded", database: { reachable: false }, intake: { spool: await spoolBacklog() } }, { status: 503 });
  }
  if (!(await mayReadHealthDetail(request))) return Response.json({ status: "ok", database: { reachable: true } });
  try {
    const state = workflowState();
    const report = await checkHealth({
      db: database.db,
      clients: clientsFromEnv(),
      env: env(),
      shokoHubConnected: state.shokoHubConnected,
      lastSweepAt: state.lastSweepAt,
    });
    return Response.json({ status: "ok", database: { kind: database.kind, reachable: true }, ...report });
  } catch {
    return Response.json({ status: "degraded", database: { kind: database.kind, reachable: false } }, { status: 503 });
  }
}
