// POST/DELETE /api/notifications/push-subscriptions — store or remove this browser's Web Push subscription
import { errorResponse } from "@/lib/errors";
import { parseJsonBody, requireSameOriginViewer } from "@/lib/http/session-write";
import { removePushSubscription, savePushSubscription } from "@/lib/notify/manage";
import { pushSubscriptionJson, pushUnsubscribe } from "@/lib/notify/schemas";

export async function POST(request: Request): Promise<Response> {
  try {
    const viewer = await requireSameOriginViewer(request);
    const subscription = await parseJsonBody(request, pushSubscriptionJson);
    return Response.json(await savePushSubscription(viewer, subscription), { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(request: Request): Promise<Response> {
  try {
    const viewer = await requireSameOriginViewer(request);
    const { endpoint } = await parseJsonBody(request, pushUnsubscribe);
    return Response.json(await removePushSubscription(viewer, endpoint));
  } catch (error) {
    return errorResponse(error);
  }
}
