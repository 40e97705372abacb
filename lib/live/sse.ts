import type { LiveReset, LiveUpdate } from "./types";
import { LIVE_EVENT } from "./types";

const encoder = new TextEncoder();

/** One SSE frame. JSON.stringify never emits a raw newline, so the data fits on one `data:` line. */
export function encodeUpdate(update: LiveUpdate): Uint8Array {
  return encoder.encode(`id: ${update.seq}\nevent: ${LIVE_EVENT.update}\ndata: ${JSON.stringify(update)}\n\n`);
}

export function encodeReset(reset: LiveReset): Uint8Array {
  return encoder.encode(`id: ${reset.seq}\nevent: ${LIVE_EVENT.reset}\ndata: ${JSON.stringify(reset)}\n\n`);
}

/** First bytes of every stream: the reconnect delay hint, and a comment so proxies flush the headers. */
export const STREAM_PREAMBLE = encoder.encode("retry: 2000\n: connected\n\n");

export const HEARTBEAT = encoder.encode(": ping\n\n");

/** Last-Event-ID from the header EventSource sends, else `?lastEventId=` (a first connect has no header). */
export function parseLastEventId(headers: Headers, url: URL): number | null {
  const raw = headers.get("last-event-id") ?? url.searchParams.get("lastEventId");
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}
