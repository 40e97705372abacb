import "server-only";
import { log } from "@/lib/log";
import { getLiveHub, type LiveClient, type LiveHub } from "./hub";
import { STREAM_PREAMBLE } from "./sse";

/** A client that has this much unread is too slow: it is closed and catches up by Last-Event-ID. */
export const MAX_QUEUED_BYTES = 1 << 20;
/** Shared by every stream: a strategy holds no per-stream state. */
const queuing = new ByteLengthQueuingStrategy({ highWaterMark: MAX_QUEUED_BYTES });

export const SSE_HEADERS: Record<string, string> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // Next's gzip would hold frames back until a buffer fills; proxies like nginx buffer too.
  "content-encoding": "none",
  "x-accel-buffering": "no",
};

/** The body of one SSE response, attached to the hub until the client goes away. */
export function openEventStream({
  afterSeq,
  signal,
  accepts,
  session,
  hub = getLiveHub(),
}: {
  afterSeq: number | null;
  signal: AbortSignal;
  /** Limits the stream to the requests its viewer may see; absent = everything. */
  accepts?: LiveClient["accepts"];
  session?: string;
  hub?: LiveHub;
}) {
  let detach: (() => void) | null = null;
  let closed = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const close = () => {
          if (closed) return;
          closed = true;
          detach?.();
          try {
            controller.close();
          } catch {
            // Already closed by the runtime when the client went away.
          }
        };
        const client: LiveClient = {
          accepts,
          session,
          write(chunk: Uint8Array) {
            if (closed) return false;
            if ((controller.desiredSize ?? 0) < 0) {
              close();
              return false;
            }
            controller.enqueue(chunk);
            return true;
          },
          close,
        };
        controller.enqueue(STREAM_PREAMBLE);
        if (signal.aborted) return close();
        signal.addEventListener("abort", close, { once: true });
        hub.attach(client, afterSeq).then(
          (d) => {
            detach = d;
            if (closed) d();
          },
          (error: unknown) => {
            log.warn("live stream could not attach", { error: error instanceof Error ? error.message : String(error) });
            close();
          },
        );
      },
      cancel() {
        closed = true;
        detach?.();
      },
    },
    queuing,
  );
}
