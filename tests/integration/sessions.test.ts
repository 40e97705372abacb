import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { authSessions, notifyMembers } from "@/db/schema";
import { endSession, liveSession, startSession } from "@/lib/auth/sessions";
import { resetEnvForTests } from "@/lib/env";
import { startFakeJellyfin, type FakeJellyfin, type FakeUser } from "../fakes/jellyfin-auth";

const DAY = 24 * 60 * 60 * 1000;
const alice: FakeUser = { name: "Alice", password: "alice-pw", admin: true };
const bob: FakeUser = { name: "bob", password: "bob-pw" };
let jellyfin: FakeJellyfin;

/** The fake's user id for a name, as sign-in would have recorded it. */
async function jellyfinKey(name: string, password: string): Promise<string> {
  const response = await fetch(`${jellyfin.url}/Users/AuthenticateByName`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: 'MediaBrowser Client="t", Device="t", DeviceId="t", Version="1"' },
    body: JSON.stringify({ Username: name, Pw: password }),
  });
  return `jellyfin:${((await response.json()) as { User: { Id: string } }).User.Id}`;
}

beforeAll(async () => {
  jellyfin = await startFakeJellyfin({ users: [alice, bob] });
  process.env.JELLYFIN_URL = jellyfin.url;
  process.env.JELLYFIN_API_KEY = "test-jellyfin-api-key";
  process.env.SESSION_IDLE_DAYS = "30";
  resetEnvForTests();
});
afterAll(async () => {
  await jellyfin.close();
  for (const name of ["JELLYFIN_URL", "JELLYFIN_API_KEY", "SESSION_IDLE_DAYS"]) delete process.env[name];
  resetEnvForTests();
});

describe("server-side sessions", () => {
  it("sign-out ends the session for every copy of its cookie", async () => {
    const sid = await startSession({ id: "local:root", name: "root", idpAdmin: true });
    expect(await liveSession(sid)).toEqual({ name: "root", idpAdmin: true });
    await endSession(sid);
    expect(await liveSession(sid)).toBeNull();
  });

  it("signing in makes the person a member notifications can reach, with their role", async () => {
    await startSession({ id: "jellyfin:0123", name: "Dana", idpAdmin: false });
    await startSession({ id: "local:root", name: "root", idpAdmin: true });
    const rows = await (await getDb()).select().from(notifyMembers);
    expect(rows.map((r) => [r.displayName, r.role]).sort()).toEqual([
      ["Dana", "member"],
      ["root", "admin"],
    ]);
  });

  it("a session idle for SESSION_IDLE_DAYS ends; each use slides the expiry", async () => {
    const t0 = new Date();
    const idle = await startSession({ id: "local:root", name: "root", idpAdmin: true }, t0);
    expect(await liveSession(idle, new Date(t0.getTime() + 31 * DAY))).toBeNull();

    const used = await startSession({ id: "local:root", name: "root", idpAdmin: true }, t0);
    expect(await liveSession(used, new Date(t0.getTime() + 20 * DAY))).not.toBeNull();
    expect(await liveSession(used, new Date(t0.getTime() + 45 * DAY))).not.toBeNull();
    expect(await liveSession(used, new Date(t0.getTime() + 76 * DAY))).toBeNull();
  });

  it("a cookie from before sessions were recorded, or with a made-up id, has no session", async () => {
    expect(await liveSession(undefined)).toBeNull();
    expect(await liveSession("made-up")).toBeNull();
    expect(await liveSession({ sid: "x" })).toBeNull();
  });

  it("a Jellyfin role change applies within a minute; a disabled account loses its sessions", async () => {
    const t0 = new Date();
    const sid = await startSession({ id: await jellyfinKey("Alice", "alice-pw"), name: "Alice", idpAdmin: true }, t0);
    alice.admin = false;
    // Within the minute the role read at sign-in stands; after it Jellyfin is asked again.
    expect(await liveSession(sid, new Date(t0.getTime() + 30_000))).toEqual({ name: "Alice", idpAdmin: true });
    expect(await liveSession(sid, new Date(t0.getTime() + 61_000))).toEqual({ name: "Alice", idpAdmin: false });
    alice.admin = true;
    expect(await liveSession(sid, new Date(t0.getTime() + 122_000))).toEqual({ name: "Alice", idpAdmin: true });

    const bobKey = await jellyfinKey("bob", "bob-pw");
    const phone = await startSession({ id: bobKey, name: "bob", idpAdmin: false }, t0);
    const laptop = await startSession({ id: bobKey, name: "bob", idpAdmin: false }, t0);
    bob.disabled = true;
    expect(await liveSession(phone, new Date(t0.getTime() + 61_000))).toBeNull();
    const db = await getDb();
    expect(await db.select().from(authSessions).where(eq(authSessions.id, laptop))).toEqual([]);
  });

  it("keeps the role it had when Jellyfin does not answer", async () => {
    const t0 = new Date();
    const sid = await startSession({ id: "jellyfin:00000000000000000000000000000000", name: "ghost", idpAdmin: false }, t0);
    jellyfin.delayMs = 0;
    await jellyfin.close();
    try {
      expect(await liveSession(sid, new Date(t0.getTime() + 61_000))).toEqual({ name: "ghost", idpAdmin: false });
    } finally {
      jellyfin = await startFakeJellyfin({ users: [alice, bob] });
    }
  });
});
