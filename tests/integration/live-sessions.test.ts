import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDatabase } from "@/db/client";
import { endSession, startSession } from "@/lib/auth/sessions";
import { resetEnvForTests } from "@/lib/env";
import { LiveHub, type LiveClient } from "@/lib/live/hub";
import { serveLiveStreamsAtServer } from "@/lib/live/node-stream";
import { startFake } from "../fakes/server";
import { resetTables } from "../helpers/db";
import { jellyseerr } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";
import { eventually } from "../helpers/eventually";
import { openStream, SESSION_COOKIE, sessionCookieFor } from "../helpers/live-http";

const secret = "live-sessions-test-secret-0123456789abcdef";
process.env.AUTH_SECRET = secret;
resetEnvForTests();

beforeEach(resetTables);

describe("GET /api/events at the HTTP server", () => {
  let fallback: Awaited<ReturnType<typeof startFake>>;
  let base = "";
  beforeAll(async () => {
    serveLiveStreamsAtServer();
    fallback = await startFake(() => ({ status: 418 }));
    base = fallback.url;
  });
  afterAll(() => fallback.close());

  it("is answered ahead of the server's own handler: 401 without a session, a stream of events with one, until sign-out", async () => {
    const other = await openStream(`${base}/api/eventsx`);
    expect(other.status).toBe(418);

    const anonymous = await openStream(`${base}/api/events`);
    await anonymous.ended;
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text())).toMatchObject({ error: "unauthorized" });

    const forged = await openStream(`${base}/api/events`, `${SESSION_COOKIE}=not-a-token`);
    await forged.ended;
    expect(forged.status).toBe(401);

    const sid = await startSession({ id: "local:root", name: "root", idpAdmin: true });
    const stream = await openStream(`${base}/api/events?lastEventId=0`, await sessionCookieFor(sid, secret));
    expect(stream.status).toBe(200);
    expect(stream.type).toContain("text/event-stream");
    await eventually(() => expect(stream.text()).toContain("retry:"));
    await postWebhook("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: 71, tmdbId: 7100, subject: "Socket (2020)" }));
    await eventually(() => expect(stream.text()).toMatch(/^event: update$/m));

    // Signed out: the open stream ends at the next session sweep, and the cookie opens no new one.
    await endSession(sid);
    await stream.ended;
    const after = await openStream(`${base}/api/events`, await sessionCookieFor(sid, secret));
    await after.ended;
    expect(after.status).toBe(401);
  });
});

describe("live streams and sessions", () => {
  function client(session?: string) {
    let closed = false;
    const live: LiveClient = {
      session,
      write: () => !closed,
      close: () => {
        closed = true;
      },
    };
    return { live, closed: () => closed };
  }

  it("a stream ends soon after its session does (sign-out); streams of other sessions go on, in one read per sweep", async () => {
    let sweeps = 0;
    const hub = new LiveHub(
      async () => {
        const real = await getDatabase();
        const db = new Proxy(real.db, {
          get(target, prop, receiver) {
            if (prop === "select") sweeps += 1;
            return Reflect.get(target, prop, receiver);
          },
        });
        return { ...real, db };
      },
      { heartbeatMs: 60_000, sessionSweepMs: 50 },
    );
    const a = await startSession({ id: "local:root", name: "root", idpAdmin: true });
    const b = await startSession({ id: "local:root", name: "root", idpAdmin: true });
    const ofA = [client(a), client(a), client(a)];
    const ofB = Array.from({ length: 20 }, () => client(b));
    for (const c of [...ofA, ...ofB]) await hub.attach(c.live, null);
    expect(hub.clientCount).toBe(23);

    await endSession(a);
    await eventually(() => expect(ofA.every((c) => c.closed())).toBe(true));
    expect(hub.clientCount).toBe(20);
    expect(ofB.some((c) => c.closed())).toBe(false);

    // Quiet now: each sweep is a single read for all 20 clients of session b.
    const before = sweeps;
    await new Promise((r) => setTimeout(r, 500));
    const made = sweeps - before;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThanOrEqual(Math.ceil(500 / 50) + 1);
    for (const c of ofB) c.live.close();
  });
});
