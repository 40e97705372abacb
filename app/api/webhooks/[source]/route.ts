// POST /api/webhooks/[source] — receive one delivery from Jellyseerr, Sonarr, Radarr, Jellyfin or qBittorrent
import { env } from "@/lib/env";
import { AppError, errorResponse } from "@/lib/errors";
import { readBodyLimited } from "@/lib/http/read-body";
import { presentedSecret, secretMatches } from "@/lib/ingest/auth";
import { receiveDelivery } from "@/lib/ingest/intake";
import { ingestResponse } from "@/lib/ingest/response";
import { isWebhookSource } from "@/lib/integrations/webhook";

type Context = { params: Promise<{ source: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  try {
    const { source } = await params;
    if (!isWebhookSource(source)) throw new AppError("not_found", `There is no webhook for "${source}"`);
    const { WEBHOOK_SECRET, WEBHOOK_MAX_BYTES } = env();
    if (!WEBHOOK_SECRET) throw new AppError("unauthorized", "Webhooks are disabled until WEBHOOK_SECRET is set");
    if (!secretMatches(presentedSecret(request.headers, request.url), WEBHOOK_SECRET)) {
      throw new AppError("unauthorized", "Missing or wrong webhook secret");
    }
    const raw = await readBodyLimited(request, WEBHOOK_MAX_BYTES);
    return ingestResponse(await receiveDelivery({ source, contentType: request.headers.get("content-type"), raw }));
  } catch (error) {
    return errorResponse(error);
  }
}

// Sonarr and Radarr can be set to send with PUT.
export const PUT = POST;
