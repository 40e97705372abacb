// POST /api/requests/[id]/actions — one per-request action (search again, check now, retry import, dismiss, done, remove, report)
import { getDb } from "@/db/client";
import { performRequestAction } from "@/lib/actions/perform";
import { requestAction } from "@/lib/actions/schema";
import { requireActor } from "@/lib/auth/act-access";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/errors";
import { parseJsonBody, routeId } from "@/lib/http/parse-json";
import { clientsFromEnv } from "@/lib/integrations/clients";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  try {
    const actor = await requireActor(request);
    const id = routeId((await params).id);
    const action = await parseJsonBody(request, requestAction);
    const ctx = { db: await getDb(), clients: clientsFromEnv(), actor, membersSee: env().MEMBERS_SEE };
    return Response.json(await performRequestAction(ctx, id, action));
  } catch (error) {
    return errorResponse(error);
  }
}
