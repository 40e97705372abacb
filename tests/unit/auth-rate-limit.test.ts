import { describe, expect, it } from "vitest";
import { FailureLimiter } from "@/lib/auth/rate-limit";
import { clientIp, limiterKeys } from "@/lib/auth/client-ip";

function limiter() {
  let now = 1_000_000;
  const l = new FailureLimiter({ maxFailures: 5, windowMs: 15 * 60_000, now: () => now });
  return { l, advance: (ms: number) => (now += ms) };
}

describe("sign-in failure limiter", () => {
  it("blocks after 5 failures in 15 minutes, with the wait until the oldest ages out", () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 4; i++) {
      l.fail(["user:bob"]);
      advance(60_000);
    }
    expect(l.check(["user:bob"])).toEqual({ blocked: false });
    l.fail(["user:bob"]);
    expect(l.check(["user:bob"])).toEqual({ blocked: true, retryAfterSeconds: 11 * 60 });
    advance(11 * 60_000);
    expect(l.check(["user:bob"])).toEqual({ blocked: false });
  });

  it("blocks when any of the keys is over, and counts each key apart", () => {
    const { l } = limiter();
    for (let i = 0; i < 5; i++) l.fail(["ip:1.2.3.4", `user:u${i}`]);
    expect(l.check(["ip:1.2.3.4", "user:new"]).blocked).toBe(true);
    expect(l.check(["ip:5.6.7.8", "user:u1"]).blocked).toBe(false);
  });

  it("clears a username after a correct password, not the IP", () => {
    const { l } = limiter();
    for (let i = 0; i < 5; i++) l.fail(["ip:9.9.9.9", "user:bob"]);
    l.clear("user:bob");
    expect(l.check(["user:bob"]).blocked).toBe(false);
    expect(l.check(["ip:9.9.9.9"]).blocked).toBe(true);
  });
});

describe("client address", () => {
  it("trusts the last X-Forwarded-For entry, the one the nearest proxy added", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }))).toBe("10.0.0.7");
    expect(clientIp(new Headers({ "x-real-ip": "10.0.0.8" }))).toBe("10.0.0.8");
    expect(clientIp(new Headers())).toBe("unknown");
  });
  it("keys usernames without case", () => {
    expect(limiterKeys("1.1.1.1", " Bob ").all).toEqual(["ip:1.1.1.1", "user:bob"]);
  });
});
