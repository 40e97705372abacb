import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerAtServer } from "@/lib/http/at-server";
import { writeJsonAnswer } from "@/lib/http/node-answer";
import { readIncomingLimited } from "@/lib/http/read-body";
import { answerWebhook } from "./receive-webhook";

/**
 * POST/PUT /api/webhooks/<source> answered by the HTTP server, ahead of Next: Next's routing and route-handler
 * machinery cost as much CPU per delivery as recording it did (docs/benchmarks.md, "Ingest"). Same function as
 * the route handler (app/api/webhooks/[source]/route.ts), which serves the path wherever this is not installed.
 */
const WEBHOOK_PATH = /^\/api\/webhooks\/([^/?#]+)(?:\?|$)/;

function webhookSource(request: IncomingMessage): string | null {
  if (request.method !== "POST" && request.method !== "PUT") return null;
  const match = WEBHOOK_PATH.exec(request.url ?? "");
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** Node's lower-cased header object read like a web Headers (repeated headers joined, as Headers joins them). */
function headerReader(request: IncomingMessage): Pick<Headers, "get"> {
  return {
    get(name: string): string | null {
      const value = request.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

export async function serveWebhookRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const answer = await answerWebhook({
    source: webhookSource(request) ?? "",
    headers: headerReader(request),
    url: request.url ?? "/",
    readBody: (limit) => readIncomingLimited(request, limit),
  });
  if (!response.destroyed) writeJsonAnswer(response, answer);
}

/** Makes every HTTP(S) server of this process answer webhooks before its own handlers. Idempotent. */
export function serveWebhooksAtServer(): void {
  answerAtServer({ name: "webhook", matches: (request) => webhookSource(request) !== null, serve: serveWebhookRequest });
}
