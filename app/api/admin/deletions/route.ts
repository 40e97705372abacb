// GET  /api/admin/deletions — the deletion log, newest first, each service's result
// POST /api/admin/deletions — bulk "Delete everywhere" from History (same ticks for every request)
import { getDb } from "@/db/client";
import { listDeletions } from "@/db/queries/deletions";
import { presentDeletion } from "@/lib/api/deletion-schemas";
import { bulkDeletionRequest } from "@/lib/actions/schema";
import { requireAdminActor } from "@/lib/auth/act-access";
import { requireAdmin } from "@/lib/auth/viewer";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/errors";
import { parseJsonBody } from "@/lib/http/parse-json";
import { clientsFromEnv } from "@/lib/integrations/clients";
import { startBulkDeletion } from "@/lib/workflows/delete-media/start";

export async function GET(): Promise<Response> {
  try {
    await requireAdmin();
    return Response.json({ items: (await listDeletions({ db: await getDb() })).map(presentDeletion) });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request): Promise<Response> {
  try {
    const viewer = await requireAdminActor(request);
    const { requestIds, ...choices } = await parseJsonBody(request, bulkDeletionRequest);
    const ctx = { db: await getDb(), clients: clientsFromEnv(), actor: { kind: "viewer" as const, viewer }, membersSee: env().MEMBERS_SEE };
    return Response.json({ results: await startBulkDeletion(ctx, requestIds, choices) }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
