// POST /api/admin/deletions/[id]/steps/[stepId]/retry — run a failed step of a deletion again
import { getDb } from "@/db/client";
import { presentDeletion } from "@/lib/api/deletion-schemas";
import { requireAdminActor } from "@/lib/auth/act-access";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/errors";
import { routeId } from "@/lib/http/parse-json";
import { clientsFromEnv } from "@/lib/integrations/clients";
import { retryDeletion } from "@/lib/workflows/delete-media/start";

type Context = { params: Promise<{ id: string; stepId: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  try {
    const viewer = await requireAdminActor(request);
    const { id, stepId } = await params;
    const ctx = { db: await getDb(), clients: clientsFromEnv(), actor: { kind: "viewer" as const, viewer }, membersSee: env().MEMBERS_SEE };
    return Response.json(presentDeletion(await retryDeletion(ctx, routeId(id, "deletion"), routeId(stepId, "step"))), { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
