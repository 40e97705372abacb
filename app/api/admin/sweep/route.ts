// POST /api/admin/sweep — run the fallback sweep now (through Inngest when configured, else in-process)
import { errorResponse } from "@/lib/errors";
import { runSweepNow } from "@/lib/workflows/run-now";

export async function POST(): Promise<Response> {
  try {
    return Response.json(await runSweepNow());
  } catch (error) {
    return errorResponse(error);
  }
}
