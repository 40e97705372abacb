import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CredentialsSignin } from "next-auth";
import { resetEnvForTests } from "@/lib/env";
import { authorizeCredentials } from "@/lib/auth/sign-in";
import { signInRateLimitResponse } from "@/lib/auth/sign-in-limit";
import { startFakeJellyfin, type FakeJellyfin } from "../fakes/jellyfin-auth";

let jellyfin: FakeJellyfin;

beforeAll(async () => {
  jellyfin = await startFakeJellyfin({ users: [{ name: "Alice", password: "alice-pw", admin: true }, { name: "bob", password: "bob-pw" }] });
  process.env.JELLYFIN_URL = jellyfin.url;
  process.env.ADMIN_USERNAME = "root";
  process.env.ADMIN_PASSWORD = "local-admin-pw";
  resetEnvForTests();
});
afterAll(async () => {
  await jellyfin.close();
  delete process.env.JELLYFIN_URL;
  delete process.env.ADMIN_USERNAME;
  delete process.env.ADMIN_PASSWORD;
  resetEnvForTests();
});

const from = (ip: string) => new Request("http://localhost/api/auth/callback/credentials", { method: "POST", headers: { "x-forwarded-for": ip } });

describe("authorizeCredentials", () => {
  it("signs in the local admin, then Jellyfin users with their Jellyfin role", async () => {
    expect(await authorizeCredentials({ username: "ROOT", password: "local-admin-pw" }, from("10.1.0.1"))).toEqual({ id: "local:root", name: "root", idpAdmin: true });
    expect(await authorizeCredentials({ username: "alice", password: "alice-pw" }, from("10.1.0.1"))).toMatchObject({ name: "Alice", idpAdmin: true });
    expect(await authorizeCredentials({ username: "bob", password: "bob-pw" }, from("10.1.0.1"))).toMatchObject({ name: "bob", idpAdmin: false });
  });

  it("returns null for wrong credentials and for malformed input", async () => {
    expect(await authorizeCredentials({ username: "bob", password: "wrong" }, from("10.1.0.2"))).toBeNull();
    expect(await authorizeCredentials({ username: "root", password: "wrong" }, from("10.1.0.2"))).toBeNull();
    expect(await authorizeCredentials({ username: ["bob"], password: "bob-pw" }, from("10.1.0.2"))).toBeNull();
  });

  it("locks a username after 5 failures from any address, and answers the route with 429", async () => {
    for (let i = 0; i < 5; i++) {
      expect(await authorizeCredentials({ username: "alice", password: `guess-${i}` }, from(`10.2.0.${i}`))).toBeNull();
    }
    const blocked = await authorizeCredentials({ username: "alice", password: "alice-pw" }, from("10.2.0.99")).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(CredentialsSignin);
    expect((blocked as CredentialsSignin).code).toBe("rate_limited");

    const request = new Request("http://localhost/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "10.2.0.100" },
      body: new URLSearchParams({ username: "Alice", password: "x", csrfToken: "t" }),
    });
    const response = await signInRateLimitResponse(request);
    expect(response?.status).toBe(429);
    expect(Number(response?.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(await response?.json()).toMatchObject({ error: "too_many_requests" });
  });

  it("locks an address after 5 failures for any usernames", async () => {
    for (let i = 0; i < 5; i++) await authorizeCredentials({ username: `nobody-${i}`, password: "x" }, from("10.3.0.1"));
    await expect(authorizeCredentials({ username: "bob", password: "bob-pw" }, from("10.3.0.1"))).rejects.toBeInstanceOf(CredentialsSignin);
    expect(await authorizeCredentials({ username: "bob", password: "bob-pw" }, from("10.3.0.2"))).toMatchObject({ name: "bob" });
  });

  it("says Jellyfin is unavailable rather than a wrong password", async () => {
    jellyfin.delayMs = 6_000;
    try {
      const error = await authorizeCredentials({ username: "bob", password: "bob-pw" }, from("10.4.0.1")).catch((e: unknown) => e);
      expect((error as CredentialsSignin).code).toBe("unavailable");
    } finally {
      jellyfin.delayMs = 0;
    }
  }, 15_000);

  it("leaves other Auth.js requests to Auth.js", async () => {
    expect(await signInRateLimitResponse(new Request("http://localhost/api/auth/signout", { method: "POST" }))).toBeNull();
  });
});
