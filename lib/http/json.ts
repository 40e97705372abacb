/**
 * A JSON answer for machines (webhook senders, scripts). `no-transform` keeps the server from gzipping a
 * few bytes on every webhook (measurable CPU under load); `no-store` because these answers are not reusable.
 */
export function jsonResponse(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("cache-control", "no-store, no-transform");
  return Response.json(body, { status: init.status ?? 200, headers });
}
