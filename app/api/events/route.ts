// GET /api/events — Server-Sent Events: every timeline row the viewer may see, as it commits, replaying from Last-Event-ID
import { errorResponse } from "@/lib/errors";
import { admitLiveClient } from "@/lib/live/admit";
import { getLiveHub } from "@/lib/live/hub";
import { openEventStream, SSE_HEADERS } from "@/lib/live/stream";

export const dynamic = "force-dynamic";

/**
 * Under `next start` the HTTP server answers this path before Next does (lib/live/node-stream.ts), with the same
 * admission and hub: Next holds ~70 kB of request state per open response. This handler serves it otherwise.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const admission = await admitLiveClient(request, new URL(request.url));
    const hub = getLiveHub();
    await hub.listening(); // every row committed after the headers then reaches the stream
    return new Response(openEventStream({ ...admission, signal: request.signal, hub }), { headers: SSE_HEADERS });
  } catch (error) {
    return errorResponse(error);
  }
}
