// POST /api/webhooks/[source] — receive one delivery from Jellyseerr, Sonarr, Radarr, Jellyfin or qBittorrent
// (`next start` answers this path at the HTTP server with the same function: lib/ingest/node-webhooks.ts)
import { answerResponse } from "@/lib/http/json";
import { readBodyLimited } from "@/lib/http/read-body";
import { answerWebhook } from "@/lib/ingest/receive-webhook";

type Context = { params: Promise<{ source: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { source } = await params;
  const answer = await answerWebhook({
    source,
    headers: request.headers,
    url: request.url,
    readBody: (limit) => readBodyLimited(request, limit),
  });
  return answerResponse(answer);
}

// Sonarr and Radarr can be set to send with PUT.
export const PUT = POST;
