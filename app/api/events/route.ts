// GET /api/events — Server-Sent Events: every timeline row as it commits, replaying from Last-Event-ID
import { openEventStream, SSE_HEADERS } from "@/lib/live/stream";
import { parseLastEventId } from "@/lib/live/sse";

export const dynamic = "force-dynamic";

export function GET(request: Request): Response {
  const afterSeq = parseLastEventId(request.headers, new URL(request.url));
  return new Response(openEventStream({ afterSeq, signal: request.signal }), { headers: SSE_HEADERS });
}
