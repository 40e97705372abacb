import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CredentialsSignin } from "next-auth";
import { getDb } from "@/db/client";
import { signInFailures } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { authorizeCredentials } from "@/lib/auth/sign-in";
import { signInRateLimitResponse } from "@/lib/auth/sign-in-limit";
import { PEER_HEADER } from "@/lib/http/peer-address";
import { startFakeJellyfin, type FakeJellyfin } from "../fakes/jellyfin-auth";

let jellyfin: FakeJellyfin;

beforeAll(async () => {
  jellyfin = await startFakeJellyfin({
    users: [
      { name: "Alice", password: "alice-pw", admin: true },
      { name: "bob", password: "bob-pw" },
    ],
  });
  process.env.JELLYFIN_URL = jellyfin.url;
  process.env.ADMIN_USERNAME = "root";
  process.env.ADMIN_PASSWORD = "local-admin-pw";
  process.env.TRUSTED_PROXIES = "10.255.0.1";
  process.env.LOGIN_ADDRESS_MAX_FAILURES = "12";
  resetEnvForTests();
});
afterAll(async () => {
  await jellyfin.close();
  for (const name of ["JELLYFIN_URL", "ADMIN_USERNAME", "ADMIN_PASSWORD", "TRUSTED_PROXIES", "LOGIN_ADDRESS_MAX_FAILURES"]) delete process.env[name];
  resetEnvForTests();
});

/** A request whose socket came from `peer`, optionally carrying an X-Forwarded-For header. */
const from = (peer: string, forwardedFor?: string) =>
  new Request("http://localhost/api/auth/callback/credentials", {
    method: "POST",
    headers: { [PEER_HEADER]: peer, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
  });

const fail = (username: string, request: Request) => authorizeCredentials({ username, password: "wrong-guess" }, request);
const refusedAsThrottled = (error: unknown) => error instanceof CredentialsSignin && error.code === "rate_limited";

describe("authorizeCredentials", () => {
  it("signs in the local admin, then Jellyfin users with their Jellyfin role", async () => {
    expect(await authorizeCredentials({ username: "ROOT", password: "local-admin-pw" }, from("10.1.0.1"))).toEqual({
      id: "local:root",
      name: "root",
      idpAdmin: true,
    });
    expect(await authorizeCredentials({ username: "alice", password: "alice-pw" }, from("10.1.0.1"))).toMatchObject({
      name: "Alice",
      idpAdmin: true,
    });
    expect(await authorizeCredentials({ username: "bob", password: "bob-pw" }, from("10.1.0.1"))).toMatchObject({ name: "bob", idpAdmin: false });
  });

  it("returns null for wrong credentials and for malformed input", async () => {
    expect(await fail("bob", from("10.1.0.2"))).toBeNull();
    expect(await fail("root", from("10.1.0.2"))).toBeNull();
    expect(await authorizeCredentials({ username: ["bob"], password: "bob-pw" }, from("10.1.0.2"))).toBeNull();
  });

  it("slows a name at one address after 5 failures, and the route answers 429 with Retry-After", async () => {
    for (let i = 0; i < 5; i++) expect(await fail("alice", from("10.2.0.1"))).toBeNull();
    const blocked = await authorizeCredentials({ username: "alice", password: "alice-pw" }, from("10.2.0.1")).catch((e: unknown) => e);
    expect(refusedAsThrottled(blocked)).toBe(true);

    const request = new Request("http://localhost/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", [PEER_HEADER]: "10.2.0.1" },
      body: new URLSearchParams({ username: "Alice", password: "x", csrfToken: "t" }),
    });
    const response = await signInRateLimitResponse(request);
    expect(response?.status).toBe(429);
    expect(Number(response?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response?.json()).toMatchObject({ error: "too_many_requests" });
  });

  it("a member's typos lock out nobody else: not the admin behind the same address, not the same name elsewhere", async () => {
    for (let i = 0; i < 8; i++) await fail("bob", from("10.5.0.1")).catch(() => null);
    expect(await authorizeCredentials({ username: "alice", password: "alice-pw" }, from("10.5.0.1"))).toMatchObject({ name: "Alice" });
    expect(await authorizeCredentials({ username: "root", password: "local-admin-pw" }, from("10.5.0.1"))).toMatchObject({ name: "root" });
    expect(await authorizeCredentials({ username: "bob", password: "bob-pw" }, from("10.5.0.2"))).toMatchObject({ name: "bob" });
  });

  it("after the wait, the name may try again and a success clears its count", async () => {
    for (let i = 0; i < 5; i++) await fail("bob", from("10.6.0.1"));
    const db = await getDb();
    // Age the failures past the first wait (30 s) instead of sleeping.
    await db.update(signInFailures).set({ lastFailureAt: new Date(Date.now() - 31_000) });
    expect(await authorizeCredentials({ username: "bob", password: "bob-pw" }, from("10.6.0.1"))).toMatchObject({ name: "bob" });
    expect(await fail("bob", from("10.6.0.1"))).toBeNull();
  });

  it("caps the failures of one address across names", async () => {
    for (let i = 0; i < 12; i++) await fail(`nobody-${i}`, from("10.3.0.1"));
    const blocked = await authorizeCredentials({ username: "bob", password: "bob-pw" }, from("10.3.0.1")).catch((e: unknown) => e);
    expect(refusedAsThrottled(blocked)).toBe(true);
    expect(await authorizeCredentials({ username: "bob", password: "bob-pw" }, from("10.3.0.2"))).toMatchObject({ name: "bob" });
  });

  it("believes X-Forwarded-For only from TRUSTED_PROXIES: a client cannot pick a fresh address per guess", async () => {
    for (let i = 0; i < 12; i++) await fail(`spoof-${i}`, from("10.7.0.1", `192.0.2.${i}`));
    const blocked = await authorizeCredentials({ username: "bob", password: "bob-pw" }, from("10.7.0.1", "192.0.2.200")).catch((e: unknown) => e);
    expect(refusedAsThrottled(blocked)).toBe(true);
    // Behind the trusted proxy, clients are told apart by the address it forwards.
    for (let i = 0; i < 12; i++) await fail(`behind-${i}`, from("10.255.0.1", "198.51.100.1"));
    expect(refusedAsThrottled(await fail("x", from("10.255.0.1", "198.51.100.1")).catch((e: unknown) => e))).toBe(true);
    expect(await authorizeCredentials({ username: "bob", password: "bob-pw" }, from("10.255.0.1", "198.51.100.2"))).toMatchObject({ name: "bob" });
  });

  it("parallel guesses cannot outrun the count", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => fail("alice", from("10.8.0.1")).catch((e: unknown) => e)));
    expect(results.filter((r) => r === null)).toHaveLength(5);
    expect(results.filter(refusedAsThrottled)).toHaveLength(15);
  });

  it("keeps the counts in the database, where every instance sees them", async () => {
    await fail("carol", from("10.9.0.1"));
    const rows = await (await getDb()).select().from(signInFailures);
    expect(
      rows
        .filter((r) => r.address === "10.9.0.1")
        .map((r) => [r.username, r.failures])
        .sort(),
    ).toEqual([
      ["", 1],
      ["carol", 1],
    ]);
  });

  it("says Jellyfin is unavailable rather than a wrong password, and does not count it", async () => {
    jellyfin.delayMs = 6_000;
    try {
      const error = await authorizeCredentials({ username: "bob", password: "bob-pw" }, from("10.4.0.1")).catch((e: unknown) => e);
      expect((error as CredentialsSignin).code).toBe("unavailable");
    } finally {
      jellyfin.delayMs = 0;
    }
    const rows = await (await getDb()).select().from(signInFailures);
    expect(rows.filter((r) => r.address === "10.4.0.1").every((r) => r.failures === 0)).toBe(true);
  }, 15_000);

  it("leaves other Auth.js requests to Auth.js", async () => {
    expect(await signInRateLimitResponse(new Request("http://localhost/api/auth/signout", { method: "POST" }))).toBeNull();
  });
});
