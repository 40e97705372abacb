// POST /api/notifications/channels — add a notification channel (an Apprise-style URL) for the signed-in member
import { errorResponse } from "@/lib/errors";
import { parseJsonBody, requireSameOriginViewer } from "@/lib/http/session-write";
import { addUrlChannel } from "@/lib/notify/manage";
import { channelInput } from "@/lib/notify/schemas";

export async function POST(request: Request): Promise<Response> {
  try {
    const viewer = await requireSameOriginViewer(request);
    const input = await parseJsonBody(request, channelInput);
    return Response.json(await addUrlChannel(viewer, input), { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
