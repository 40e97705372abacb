export const JSON_CACHE_CONTROL = "no-store, no-transform";

/**
 * A JSON answer for machines (webhook senders, scripts). `no-transform` keeps the server from gzipping a
 * few bytes on every webhook (measurable CPU under load); `no-store` because these answers are not reusable.
 */
export function jsonResponse(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("cache-control", JSON_CACHE_CONTROL);
  return Response.json(body, { status: init.status ?? 200, headers });
}

/**
 * A JSON answer as plain data, for code that serves both a route handler (which makes it a Response with
 * `answerResponse`) and the HTTP server directly (lib/http/node-answer.ts), without building a Response there.
 */
export type JsonAnswer = { status: number; body: unknown; headers?: Record<string, string> };

export function answerResponse(answer: JsonAnswer): Response {
  return jsonResponse(answer.body, { status: answer.status, headers: answer.headers });
}
