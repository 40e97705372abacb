// POST/DELETE /api/notifications/follows/{requestId} — follow a request (its messages come to the viewer too), or stop
import { AppError, errorResponse } from "@/lib/errors";
import { requireSameOriginViewer } from "@/lib/http/session-write";
import { setFollow } from "@/lib/notify/manage";
import { idParam } from "@/lib/notify/schemas";

type Context = { params: Promise<{ requestId: string }> };

async function handle(request: Request, { params }: Context, follow: boolean): Promise<Response> {
  try {
    const viewer = await requireSameOriginViewer(request);
    const id = idParam.safeParse((await params).requestId);
    if (!id.success) throw new AppError("not_found", "No such request");
    return Response.json(await setFollow(viewer, id.data, follow));
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = (request: Request, context: Context) => handle(request, context, true);
export const DELETE = (request: Request, context: Context) => handle(request, context, false);
