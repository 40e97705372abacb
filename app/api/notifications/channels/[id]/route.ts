// DELETE /api/notifications/channels/{id} — remove one of the signed-in member's own channels
import { AppError, errorResponse } from "@/lib/errors";
import { requireSameOriginViewer } from "@/lib/http/session-write";
import { removeChannel } from "@/lib/notify/manage";
import { idParam } from "@/lib/notify/schemas";

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const viewer = await requireSameOriginViewer(request);
    const id = idParam.safeParse((await params).id);
    if (!id.success) throw new AppError("not_found", "No such channel of yours");
    return Response.json(await removeChannel(viewer, id.data));
  } catch (error) {
    return errorResponse(error);
  }
}
