import { PEER_HEADER } from "@/lib/http/peer-address";
import { normaliseAddress } from "@/lib/http/address-list";

/**
 * The client's address for sign-in throttling. The socket's own address (stamped by the server, see
 * lib/http/peer-address.ts) unless it is one of TRUSTED_PROXIES; then X-Forwarded-For is read from the
 * right, each trusted proxy naming the hop before it, and the first address not trusted is the client.
 * Without a trusted proxy in front, X-Forwarded-For is whatever the client wrote and is ignored.
 */
export function clientAddress(headers: Headers, isTrusted: (address: string) => boolean): string {
  const peer = headers.get(PEER_HEADER)?.trim();
  if (!peer) return "unknown";
  let current = normaliseAddress(peer);
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  while (isTrusted(current)) {
    const previous = forwarded.pop();
    if (!previous) break;
    current = normaliseAddress(previous);
  }
  return current.slice(0, 100);
}
