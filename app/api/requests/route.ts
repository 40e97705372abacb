// GET /api/requests — filtered, cursor-paginated list of requests, newest update first
import { getDb } from "@/db/client";
import { decodeCursor, listRequests } from "@/db/queries/request-list";
import { readScope } from "@/lib/auth/policy";
import { requireReader } from "@/lib/auth/read-access";
import { env } from "@/lib/env";
import { AppError, errorResponse } from "@/lib/errors";
import { presentRequest } from "@/lib/requests/present";
import { requestListQuery } from "@/lib/requests/query";
import { zodIssues } from "@/lib/integrations/webhook";

export async function GET(request: Request): Promise<Response> {
  try {
    const reader = await requireReader(request);
    const parsed = requestListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("bad_request", "Invalid query parameters", zodIssues(parsed.error));
    const { stage, mediaType, q, requestedBy, cursor: rawCursor, limit } = parsed.data;
    const cursor = rawCursor ? decodeCursor(rawCursor) : null;
    if (rawCursor && !cursor) throw new AppError("bad_request", "Invalid cursor", [{ path: "cursor", message: "not a cursor from this API" }]);
    const filters = { stages: stage, mediaType, q, requestedBy };
    const page = await listRequests({ db: await getDb(), scope: readScope(reader, env().MEMBERS_SEE), filters, cursor, limit });
    return Response.json({ items: page.items.map((r) => presentRequest(r, r.downloads)), nextCursor: page.nextCursor });
  } catch (error) {
    return errorResponse(error);
  }
}
