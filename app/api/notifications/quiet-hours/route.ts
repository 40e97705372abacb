// POST /api/notifications/quiet-hours — the signed-in member's time zone and quiet hours (messages held, then summarised)
import { errorResponse } from "@/lib/errors";
import { parseJsonBody, requireSameOriginViewer } from "@/lib/http/session-write";
import { saveQuietHours } from "@/lib/notify/manage";
import { quietInput } from "@/lib/notify/schemas";

export async function POST(request: Request): Promise<Response> {
  try {
    const viewer = await requireSameOriginViewer(request);
    const input = await parseJsonBody(request, quietInput);
    return Response.json(await saveQuietHours(viewer, input));
  } catch (error) {
    return errorResponse(error);
  }
}
