// GET /api/summary — counts per stage, attention, next air dates, last webhook per service (for dashboards)
import { getDb } from "@/db/client";
import { readSummary } from "@/db/queries/summary";
import { presentSummary } from "@/lib/api/summary-schema";
import { readScope } from "@/lib/auth/policy";
import { requireReader } from "@/lib/auth/read-access";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/errors";

export async function GET(request: Request): Promise<Response> {
  try {
    const reader = await requireReader(request);
    const today = new Date().toISOString().slice(0, 10);
    return Response.json(presentSummary(await readSummary({ db: await getDb(), scope: readScope(reader, env().MEMBERS_SEE), today })));
  } catch (error) {
    return errorResponse(error);
  }
}
