// POST /api/admin/sweep — run the fallback sweep now (through Inngest when configured, else in-process); admins only
import { requireAdminRequest } from "@/lib/auth/guard";
import { errorResponse } from "@/lib/errors";
import { runSweepNow } from "@/lib/workflows/run-now";

export async function POST(request: Request): Promise<Response> {
  try {
    await requireAdminRequest(request);
    return Response.json(await runSweepNow());
  } catch (error) {
    return errorResponse(error);
  }
}
