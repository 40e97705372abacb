import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { closeDatabase, getDatabase } from "@/db/client";
import { resetEnvForTests } from "@/lib/env";
import { LiveHub } from "@/lib/live/hub";
import { start, type PgCluster } from "../helpers/pg-cluster";
import { liveCollector } from "../helpers/live-collector";
import { jellyseerr } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";
import { eventually } from "../helpers/eventually";

// This file's database is a private cluster the test restarts: never the shared server.
let cluster: PgCluster;
beforeAll(async () => {
  cluster = await start();
  await closeDatabase();
  process.env.DATABASE_URL = cluster.url;
  resetEnvForTests();
  await getDatabase();
});
afterAll(async () => {
  await closeDatabase();
  await cluster?.stop();
});

/** A live client, and the timeline messages it was sent. */
function collector() {
  const live = liveCollector();
  return { client: live.client, messages: () => [...live.text().matchAll(/"message":"([^"]*)"/g)].map((m) => m[1]) };
}

describe("live stream across a database restart", () => {
  it("the LISTEN connection comes back and replays what was committed while it was away, without waiting for a heartbeat", async () => {
    // No heartbeat (the safety net that reads again every 15 s) within the test: only listening again can bring the
    // row. How soon after the database that happens is measured by `npm run bench:live-restart`.
    const hub = new LiveHub(getDatabase, { heartbeatMs: 600_000, sessionSweepMs: 600_000 });
    const c = collector();
    await hub.attach(c.client, null);
    expect((await postWebhook("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: 901, tmdbId: 90_001, subject: "Before (2020)" }))).status).toBe(
      200,
    );
    await eventually(() => expect(c.messages().length).toBe(1), { timeout: 10_000 });

    await cluster.restart(3_000);
    // Committed at once by another client, most likely before the hub listens again: its NOTIFY is lost.
    const other = postgres(cluster.url, { max: 1, onnotice: () => {} });
    await other`insert into timeline_events (source, event, message) values ('jellyseerr', 'test', 'while away')`;
    await other.end();
    await eventually(() => expect(c.messages()).toContain("while away"), { timeout: 20_000, interval: 20 });

    // And the app's own pool serves webhooks again, live.
    expect((await postWebhook("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: 902, tmdbId: 90_002, subject: "After (2021)" }))).status).toBe(
      200,
    );
    await eventually(() => expect(c.messages().length).toBe(3), { timeout: 10_000 });
  }, 60_000);
});
