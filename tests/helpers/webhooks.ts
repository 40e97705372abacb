import { POST } from "@/app/api/webhooks/[source]/route";

// Kept in its own module so end-to-end tests can build payloads without loading the route handler.
export { contract } from "./contracts";

export type PostOptions = {
  secret?: string | null;
  contentType?: string;
  raw?: string | Uint8Array;
  query?: string;
  headers?: Record<string, string>;
};

/** Posts to the real route handler, as a sender would. */
export async function postWebhook(source: string, body: unknown, options: PostOptions = {}) {
  const secret = options.secret === undefined ? "test-webhook-secret" : options.secret;
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/json", ...options.headers };
  if (secret !== null && !options.query) headers.authorization = `Bearer ${secret}`;
  const payload = options.raw ?? JSON.stringify(body);
  const request = new Request(`http://localhost/api/webhooks/${source}${options.query ?? ""}`, {
    method: "POST",
    headers,
    body: typeof payload === "string" ? payload : payload.slice(),
  });
  const response = await POST(request, { params: Promise.resolve({ source }) });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { text };
  }
  return { status: response.status, json };
}
