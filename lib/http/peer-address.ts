import { Server as HttpServer, type IncomingMessage } from "node:http";
import { Server as HttpsServer } from "node:https";

/**
 * The address of the socket a request came in on, as a request header route handlers can read. Next.js
 * hides the socket from route handlers and only fills X-Forwarded-For when the client sent none, so a
 * client could otherwise pick its own address. The header is overwritten on every request: a value sent
 * by the client never survives.
 */
export const PEER_HEADER = "x-status-tracker-peer";

type Emit = (event: string | symbol, ...args: unknown[]) => boolean;
type Holder = { __statusTrackerPeerStamped?: boolean };
const holder = globalThis as typeof globalThis & Holder;

export function stampPeer(request: IncomingMessage): void {
  const address = request.socket?.remoteAddress;
  if (address) request.headers[PEER_HEADER] = address;
  else delete request.headers[PEER_HEADER];
}

/** Stamps every request of every HTTP(S) server in this process before its handlers run. Idempotent. */
export function stampPeerAddresses(): void {
  if (holder.__statusTrackerPeerStamped) return;
  holder.__statusTrackerPeerStamped = true;
  for (const server of [HttpServer, HttpsServer]) {
    const original = server.prototype.emit as Emit;
    server.prototype.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request") stampPeer(args[0] as IncomingMessage);
      return original.call(this, event, ...args);
    } as typeof server.prototype.emit;
  }
}
