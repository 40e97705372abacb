// GET  /api/requests/[id]/deletion — preview of "Delete everywhere": exactly what each service would remove
// POST /api/requests/[id]/deletion — confirm the ticked services; the saga runs durably (202 with its log entry)
import { getDb } from "@/db/client";
import { deletionPreviewQuery, presentDeletion, presentPreview } from "@/lib/api/deletion-schemas";
import { deletionRequest } from "@/lib/actions/schema";
import { requireActor } from "@/lib/auth/act-access";
import { env } from "@/lib/env";
import { AppError, errorResponse } from "@/lib/errors";
import { parseJsonBody, routeId } from "@/lib/http/parse-json";
import { clientsFromEnv } from "@/lib/integrations/clients";
import { zodIssues } from "@/lib/integrations/webhook";
import { previewDeletion, startDeletion } from "@/lib/workflows/delete-media/start";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  try {
    const actor = await requireActor(request, { readOnly: true });
    const id = routeId((await params).id);
    const parsed = deletionPreviewQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("bad_request", "Invalid query parameters", zodIssues(parsed.error));
    const ctx = { db: await getDb(), clients: clientsFromEnv(), actor, membersSee: env().MEMBERS_SEE };
    return Response.json(presentPreview(await previewDeletion(ctx, id, parsed.data)));
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request, { params }: Context): Promise<Response> {
  try {
    const actor = await requireActor(request);
    const id = routeId((await params).id);
    const choices = await parseJsonBody(request, deletionRequest);
    const ctx = { db: await getDb(), clients: clientsFromEnv(), actor, membersSee: env().MEMBERS_SEE };
    return Response.json(presentDeletion(await startDeletion(ctx, id, choices)), { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
