import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { log } from "@/lib/log";
import { onEveryRequest } from "./at-server";

/**
 * A client that hangs up before its answer is complete (a phone leaving the page, a script dropping the connection)
 * makes Node destroy the request with an `aborted` error. Next's proxy, for a request with a body, swaps the request's
 * stream internals for a copy of the body, listeners included, so nothing listens any more and Node reports the
 * hang-up as an uncaught exception (vercel/next.js#49587): a log line that looks like a crash, once per hang-up.
 * Just before Node destroys the requests of a closing connection, the one in flight gets a listener.
 */
const inFlight = new WeakMap<Socket, IncomingMessage>();
const watched = new WeakSet<Socket>();

function noteHangUp(error: Error & { code?: string }): void {
  if (error.code !== "ECONNRESET") log.debug("request stream failed", { error: error.message });
}

function listenForHangUp(request: IncomingMessage): void {
  const socket = request.socket;
  if (!socket) return;
  inFlight.set(socket, request);
  if (watched.has(socket)) return;
  watched.add(socket);
  // Ahead of Node's own close handler, which destroys the requests still in flight.
  socket.prependListener("close", () => inFlight.get(socket)?.on("error", noteHangUp));
}

/** Every HTTP(S) server of this process treats a client's hang-up as the client's business. Idempotent. */
export function quietClientHangUps(): void {
  onEveryRequest(listenForHangUp);
}
