import type { IncomingMessage } from "node:http";
import { onEveryRequest } from "./at-server";

/**
 * The address of the socket a request came in on, as a request header route handlers can read. Next.js
 * hides the socket from route handlers and only fills X-Forwarded-For when the client sent none, so a
 * client could otherwise pick its own address. The header is overwritten on every request: a value sent
 * by the client never survives.
 */
export const PEER_HEADER = "x-status-tracker-peer";

export function stampPeer(request: IncomingMessage): void {
  const address = request.socket?.remoteAddress;
  if (address) request.headers[PEER_HEADER] = address;
  else delete request.headers[PEER_HEADER];
}

/** Stamps every request of every HTTP(S) server in this process before its handlers run. Idempotent. */
export function stampPeerAddresses(): void {
  onEveryRequest(stampPeer);
}
