// GET /api/events — Server-Sent Events: every timeline row the viewer may see, as it commits, replaying from Last-Event-ID
import { liveFilter } from "@/lib/auth/policy";
import { requireRequestViewer } from "@/lib/auth/request-viewer";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/errors";
import { openEventStream, SSE_HEADERS } from "@/lib/live/stream";
import { parseLastEventId } from "@/lib/live/sse";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    // The one session check of this connection: the stream then stays open without asking again.
    const viewer = await requireRequestViewer(request);
    const accepts = liveFilter(viewer, env().MEMBERS_SEE) ?? undefined;
    const afterSeq = parseLastEventId(request.headers, new URL(request.url));
    return new Response(openEventStream({ afterSeq, signal: request.signal, accepts }), { headers: SSE_HEADERS });
  } catch (error) {
    return errorResponse(error);
  }
}
