import "server-only";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { errorAnswer } from "@/lib/errors";
import { answerAtServer } from "@/lib/http/at-server";
import { appHeaders, writeJsonAnswer } from "@/lib/http/node-answer";
import { log } from "@/lib/log";
import { admitLiveClient } from "./admit";
import { getLiveHub, type LiveClient, type LiveHub } from "./hub";
import { STREAM_PREAMBLE } from "./sse";
import { MAX_QUEUED_BYTES, SSE_HEADERS } from "./stream";

/**
 * GET /api/events answered by the HTTP server itself, ahead of Next. A streaming route handler keeps Next's whole
 * request machinery alive for as long as its response is open (async frames, request stores, an incremental cache,
 * abort controllers, the web-stream pipe to the socket: ~70 kB per idle client, measured); here a client is its
 * socket, its request and response, and one small object. Admission (one session check) and the hub are the same
 * as the route handler's (app/api/events/route.ts), which serves the path wherever this is not installed.
 */

export const LIVE_PATH = "/api/events";

export function isLiveRequest(request: IncomingMessage): boolean {
  const url = request.url ?? "";
  return request.method === "GET" && (url === LIVE_PATH || url.startsWith(`${LIVE_PATH}?`));
}

/** A live client written straight to its socket: no web streams, no closures but one close listener. */
class SocketClient implements LiveClient {
  closed = false;
  detach: (() => void) | null = null;

  constructor(
    private readonly response: ServerResponse,
    readonly accepts: LiveClient["accepts"],
    readonly session: string,
  ) {}

  write(chunk: Uint8Array): boolean {
    if (this.closed) return false;
    if (this.response.writableLength > MAX_QUEUED_BYTES) {
      // Too far behind: closed, and it catches up by Last-Event-ID.
      this.close();
      return false;
    }
    this.response.write(chunk);
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.gone();
    this.response.end();
  }

  gone(): void {
    this.closed = true;
    this.detach?.();
    this.detach = null;
  }
}

/** The same headers as the route handler's response would get from next.config.ts, plus the stream's own. */
function responseHeaders(): OutgoingHttpHeaders {
  return { ...appHeaders(), ...SSE_HEADERS };
}

function requestHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] ?? "", raw[i + 1] ?? "");
  return headers;
}

/** Admits the request (or answers 401) and attaches its response to the hub until either side goes away. */
export async function serveLiveRequest(request: IncomingMessage, response: ServerResponse, hub: LiveHub = getLiveHub()): Promise<void> {
  const headers = requestHeaders(request);
  let admission: Awaited<ReturnType<typeof admitLiveClient>>;
  try {
    admission = await admitLiveClient({ headers }, new URL(request.url ?? LIVE_PATH, "http://localhost"));
  } catch (error) {
    writeJsonAnswer(response, errorAnswer(error));
    return;
  }
  await hub.listening();
  if (response.destroyed) return;
  response.writeHead(200, responseHeaders());
  response.write(STREAM_PREAMBLE);
  const client = new SocketClient(response, admission.accepts, admission.session);
  response.once("close", () => client.gone());
  try {
    const detach = await hub.attach(client, admission.afterSeq);
    if (client.closed) detach();
    else client.detach = detach;
  } catch (error) {
    log.warn("live stream could not attach", { error: error instanceof Error ? error.message : String(error) });
    client.close();
  }
}

/** Makes every HTTP(S) server of this process answer GET /api/events before its own handlers. Idempotent. */
export function serveLiveStreamsAtServer(): void {
  answerAtServer({ name: "live stream", matches: isLiveRequest, serve: (request, response) => serveLiveRequest(request, response) });
}
