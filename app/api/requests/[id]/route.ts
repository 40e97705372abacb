// GET /api/requests/[id] — one request with its episodes, downloads and timeline
import { getDb } from "@/db/client";
import { getRequestDetail } from "@/db/queries/request-detail";
import { readScope } from "@/lib/auth/policy";
import { requireReader } from "@/lib/auth/read-access";
import { env } from "@/lib/env";
import { AppError, errorResponse } from "@/lib/errors";
import { presentRequestDetail } from "@/lib/requests/present";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  try {
    const reader = await requireReader(request);
    const { id } = await params;
    const numeric = /^\d{1,9}$/.test(id) ? Number(id) : null;
    // Someone else's request under MEMBERS_SEE=own answers like a missing one: its existence is not shown.
    const scope = readScope(reader, env().MEMBERS_SEE);
    const found = numeric === null ? null : await getRequestDetail({ db: await getDb(), id: numeric, scope });
    if (!found) throw new AppError("not_found", `No request with id "${id}"`);
    return Response.json(presentRequestDetail(found));
  } catch (error) {
    return errorResponse(error);
  }
}
