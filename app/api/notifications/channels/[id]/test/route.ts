// POST /api/notifications/channels/{id}/test — send a test message over a channel the viewer owns (admins: household ones too)
import { AppError, errorResponse } from "@/lib/errors";
import { requireSameOriginViewer } from "@/lib/http/session-write";
import { testChannel } from "@/lib/notify/manage";
import { idParam } from "@/lib/notify/schemas";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const viewer = await requireSameOriginViewer(request);
    const id = idParam.safeParse((await params).id);
    if (!id.success) throw new AppError("not_found", "No such channel of yours");
    return Response.json(await testChannel(viewer, id.data));
  } catch (error) {
    return errorResponse(error);
  }
}
