import "server-only";
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import { env } from "@/lib/env";
import { JSON_CACHE_CONTROL, type JsonAnswer } from "./json";
import { securityHeaders } from "./security-headers";

let baseHeaders: OutgoingHttpHeaders | null = null;

/** The headers next.config.ts gives every response, for answers written by the HTTP server itself. */
export function appHeaders(): OutgoingHttpHeaders {
  if (!baseHeaders) {
    const headers: OutgoingHttpHeaders = {};
    for (const { key, value } of securityHeaders({ dev: env().NODE_ENV !== "production" })) headers[key.toLowerCase()] = value;
    baseHeaders = headers;
  }
  return baseHeaders;
}

/** Writes a JSON answer as jsonResponse would make it, with the app's headers. */
export function writeJsonAnswer(response: ServerResponse, answer: JsonAnswer): void {
  const body = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    ...appHeaders(),
    ...answer.headers,
    "cache-control": JSON_CACHE_CONTROL,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  response.end(body);
}
