import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-ip";
import { pairWaitMs, throttleVerdict, type ThrottleConfig } from "@/lib/auth/throttle";
import { addressMatcher, parseAddressList } from "@/lib/http/address-list";
import { PEER_HEADER, stampPeerAddresses } from "@/lib/http/peer-address";

const config: ThrottleConfig = { freeFailures: 5, addressMax: 30, windowMs: 15 * 60_000 };
const at = (ms: number) => new Date(1_000_000_000 + ms);

describe("sign-in throttle", () => {
  it("lets the first failures of a name pass, then doubles the wait, capped at the window", () => {
    const table: [number, number][] = [
      [0, 0],
      [4, 0],
      [5, 30_000],
      [6, 60_000],
      [9, 8 * 60_000],
      [10, 15 * 60_000],
      [500, 15 * 60_000],
    ];
    for (const [failures, wait] of table) expect(pairWaitMs(failures, config), `${failures}`).toBe(wait);
  });

  it("waits from the last failure of that name at that address", () => {
    const pair = { failures: 6, lastFailureAt: at(0) };
    expect(throttleVerdict({ pair, address: null }, at(1000), config)).toEqual({ allowed: false, reason: "name", retryAfterSeconds: 59 });
    expect(throttleVerdict({ pair, address: null }, at(60_000), config)).toEqual({ allowed: true });
  });

  it("forgets failures older than the window", () => {
    const pair = { failures: 50, lastFailureAt: at(0) };
    expect(throttleVerdict({ pair, address: null }, at(15 * 60_000), config)).toEqual({ allowed: true });
  });

  it("refuses an address that failed too often with any names, until the window has passed", () => {
    const address = { failures: 30, lastFailureAt: at(0) };
    expect(throttleVerdict({ pair: null, address }, at(60_000), config)).toEqual({ allowed: false, reason: "address", retryAfterSeconds: 14 * 60 });
    expect(throttleVerdict({ pair: null, address: { ...address, failures: 29 } }, at(0), config)).toEqual({ allowed: true });
  });

  it("one name's failures never hold up another name (the counts are per name and address)", () => {
    const someoneElse = null;
    const address = { failures: 12, lastFailureAt: at(0) };
    expect(throttleVerdict({ pair: someoneElse, address }, at(0), config)).toEqual({ allowed: true });
  });
});

describe("client address", () => {
  const trusted = addressMatcher((parseAddressList("10.0.0.1, 172.16.0.0/12, ::1") as { ok: true; entries: never[] }).entries);
  const headers = (peer: string | null, xff?: string) => {
    const h = new Headers();
    if (peer) h.set(PEER_HEADER, peer);
    if (xff) h.set("x-forwarded-for", xff);
    return h;
  };

  it("believes X-Forwarded-For only from a trusted proxy, read from the right", () => {
    const table: [string | null, string | undefined, string][] = [
      ["203.0.113.9", undefined, "203.0.113.9"],
      ["203.0.113.9", "10.9.9.9", "203.0.113.9"], // a client naming its own address is ignored
      ["10.0.0.1", "198.51.100.7", "198.51.100.7"],
      ["10.0.0.1", "6.6.6.6, 198.51.100.7", "198.51.100.7"], // what the client wrote is left of what the proxy saw
      ["10.0.0.1", "6.6.6.6, 198.51.100.7, 172.20.0.3", "198.51.100.7"], // two trusted hops
      ["::ffff:10.0.0.1", "198.51.100.7", "198.51.100.7"],
      ["::1", "2001:db8::1", "2001:db8::1"],
      ["10.0.0.1", undefined, "10.0.0.1"],
      [null, "1.2.3.4", "unknown"],
    ];
    for (const [peer, xff, expected] of table) expect(clientAddress(headers(peer, xff), trusted), `${peer} / ${xff}`).toBe(expected);
  });

  it("parses TRUSTED_PROXIES and refuses what is not an address or range", () => {
    expect(parseAddressList("10.0.0.0/8, ::1").ok).toBe(true);
    expect(parseAddressList("").ok).toBe(true);
    expect(parseAddressList("10.0.0.0/33").ok).toBe(false);
    expect(parseAddressList("proxy.local").ok).toBe(false);
    expect(parseAddressList("10.0.0.0/x").ok).toBe(false);
  });

  it("the server stamps the socket's address over whatever the client sent", async () => {
    stampPeerAddresses();
    const server = createServer((req, res) => res.end(JSON.stringify({ peer: req.headers[PEER_HEADER] })));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "10.0.0.1", "x-forwarded-for": "10.0.0.1" } });
      expect(await response.json()).toEqual({ peer: "127.0.0.1" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
