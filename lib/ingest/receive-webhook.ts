import "server-only";
import { env } from "@/lib/env";
import { AppError, errorAnswer } from "@/lib/errors";
import type { JsonAnswer } from "@/lib/http/json";
import { isWebhookSource } from "@/lib/integrations/webhook";
import { presentedSecret, secretMatches } from "./auth";
import { receiveDelivery } from "./intake";
import { ingestAnswer } from "./response";

/** A webhook request, whoever received it: the route handler (a web Request) or the HTTP server (node's). */
export type WebhookRequest = {
  /** The path segment after /api/webhooks/. */
  source: string;
  headers: Pick<Headers, "get">;
  /** The request URL, absolute or a path with its query (qBittorrent's `?token=`). */
  url: string;
  /** The body, refused with payload_too_large beyond `limit` bytes before it is buffered. */
  readBody(limit: number): Promise<Uint8Array>;
};

/** POST /api/webhooks/<source>: the secret checked, the body read within its limit, the delivery received durably. */
export async function answerWebhook(request: WebhookRequest): Promise<JsonAnswer> {
  try {
    const { source } = request;
    if (!isWebhookSource(source)) throw new AppError("not_found", `There is no webhook for "${source}"`);
    const { WEBHOOK_SECRET, WEBHOOK_MAX_BYTES } = env();
    if (!WEBHOOK_SECRET) throw new AppError("unauthorized", "Webhooks are disabled until WEBHOOK_SECRET is set");
    if (!secretMatches(presentedSecret(request.headers, request.url), WEBHOOK_SECRET)) {
      throw new AppError("unauthorized", "Missing or wrong webhook secret");
    }
    const raw = await request.readBody(WEBHOOK_MAX_BYTES);
    return ingestAnswer(await receiveDelivery({ source, contentType: request.headers.get("content-type"), raw }));
  } catch (error) {
    return errorAnswer(error);
  }
}
