// GET /api/requests/[id] — one request with its episodes, downloads and timeline
import { getDb } from "@/db/client";
import { getRequestDetail } from "@/db/queries/request-detail";
import { AppError, errorResponse } from "@/lib/errors";
import { requireApiToken } from "@/lib/http/api-auth";
import { presentRequestDetail } from "@/lib/requests/present";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  try {
    requireApiToken(request);
    const { id } = await params;
    const numeric = /^\d{1,9}$/.test(id) ? Number(id) : null;
    const found = numeric === null ? null : await getRequestDetail({ db: await getDb(), id: numeric });
    if (!found) throw new AppError("not_found", `No request with id "${id}"`);
    return Response.json(presentRequestDetail(found));
  } catch (error) {
    return errorResponse(error);
  }
}
