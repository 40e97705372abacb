import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateByName } from "@/lib/integrations/jellyfin/client";
import { AppError } from "@/lib/errors";
import { startFakeJellyfin, type FakeJellyfin } from "../fakes/jellyfin-auth";

let jellyfin: FakeJellyfin;

beforeAll(async () => {
  jellyfin = await startFakeJellyfin({
    users: [
      { name: "Alice", password: "alice-pw", admin: true },
      { name: "bob", password: "bob-pw" },
      { name: "carol", password: "carol-pw", disabled: true },
    ],
  });
});
afterAll(() => jellyfin.close());

describe("Jellyfin sign-in client", () => {
  it("signs in with a JSON body and the MediaBrowser header, never the query string", async () => {
    const result = await authenticateByName({ baseUrl: jellyfin.url }, { username: "alice", password: "alice-pw" });
    expect(result).toEqual({ outcome: "ok", user: { id: expect.any(String), name: "Alice", isAdministrator: true } });
    const call = jellyfin.calls.at(-1);
    expect(call?.url).toBe("/Users/AuthenticateByName");
    expect(call?.body).toEqual({ Username: "alice", Pw: "alice-pw" });
    expect(call?.authorization).toMatch(
      /^MediaBrowser Client="Status%20Tracker", Device="[^"]+", DeviceId="status-tracker-[0-9a-f]{24}", Version="[^"]+"$/,
    );
  });

  it("reads a member", async () => {
    const result = await authenticateByName({ baseUrl: `${jellyfin.url}/` }, { username: "bob", password: "bob-pw" });
    expect(result).toMatchObject({ outcome: "ok", user: { name: "bob", isAdministrator: false } });
  });

  it("reports 401 for a wrong password or unknown name and 403 for a disabled user", async () => {
    expect(await authenticateByName({ baseUrl: jellyfin.url }, { username: "bob", password: "nope" })).toEqual({ outcome: "rejected", status: 401 });
    expect(await authenticateByName({ baseUrl: jellyfin.url }, { username: "zed", password: "x" })).toEqual({ outcome: "rejected", status: 401 });
    expect(await authenticateByName({ baseUrl: jellyfin.url }, { username: "carol", password: "carol-pw" })).toEqual({
      outcome: "rejected",
      status: 403,
    });
  });

  it("names the service and path when Jellyfin cannot answer", async () => {
    jellyfin.delayMs = 300;
    try {
      const error = await authenticateByName({ baseUrl: jellyfin.url, timeoutMs: 50 }, { username: "bob", password: "bob-pw" }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("service_unavailable");
      expect((error as AppError).message).toBe("Jellyfin POST /Users/AuthenticateByName: no answer within 50 ms");
    } finally {
      jellyfin.delayMs = 0;
    }
    const refused = await authenticateByName({ baseUrl: "http://127.0.0.1:9" }, { username: "bob", password: "x" }).catch((e: unknown) => e);
    expect((refused as AppError).message).toBe("Jellyfin POST /Users/AuthenticateByName: unreachable");
  });

  it("refuses an answer of the wrong shape", async () => {
    const fetchImpl: typeof fetch = async () => Response.json({ User: { Name: "" } });
    const error = await authenticateByName({ baseUrl: jellyfin.url, fetchImpl }, { username: "bob", password: "bob-pw" }).catch((e: unknown) => e);
    expect((error as AppError).message).toMatch(/unexpected body/);
  });
});

describe("fake Jellyfin stays faithful", () => {
  it("answers 400 without the MediaBrowser header, as Jellyfin does", async () => {
    const response = await fetch(`${jellyfin.url}/Users/AuthenticateByName`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ Username: "bob", Pw: "bob-pw" }),
    });
    expect(response.status).toBe(400);
  });
});
