// POST /api/admin/tokens/[id]/revoke — the token stops working at once
import { getDb } from "@/db/client";
import { requireAdminActor } from "@/lib/auth/act-access";
import { revokeToken } from "@/lib/auth/token-admin";
import { errorResponse } from "@/lib/errors";
import { routeId } from "@/lib/http/parse-json";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  try {
    await requireAdminActor(request);
    await revokeToken({ db: await getDb(), id: routeId((await params).id, "token") });
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
