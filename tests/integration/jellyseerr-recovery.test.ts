import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { requests } from "@/db/schema";
import { probeIntegration } from "@/lib/health/check";
import { noClients, type Clients } from "@/lib/integrations/clients";
import { createJellyseerrClient } from "@/lib/integrations/jellyseerr/client";
import { runSweep } from "@/lib/workflows/sweep/sweep";
import { startFakeJellyseerr } from "../fakes/jellyseerr";
import { detail, resetTables } from "../helpers/db";
import { jellyseerr as payload } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

let fake: Awaited<ReturnType<typeof startFakeJellyseerr>>;
let clients: Clients;
beforeAll(async () => {
  fake = await startFakeJellyseerr();
  clients = { ...noClients, jellyseerr: createJellyseerrClient({ url: fake.url, apiKey: fake.jellyseerr.apiKey, timeoutMs: 2000 }) };
});
afterAll(() => fake.close());
beforeEach(async () => {
  await resetTables();
  fake.jellyseerr.requests = [];
  fake.jellyseerr.titles = [
    { mediaType: "movie", tmdbId: 603, title: "The Matrix", date: "1999-03-31" },
    { mediaType: "tv", tmdbId: 1396, title: "Breaking Bad", date: "2008-01-20" },
  ];
});

const fresh = () => new Date(Date.now() - 60_000).toISOString();
const all = async () => (await getDb()).select().from(requests).orderBy(requests.jellyseerrRequestId);

describe("missed Jellyseerr webhooks are recovered from its API", () => {
  it("creates what a lost webhook would have, titled and attributed, and a repeat changes nothing", async () => {
    fake.jellyseerr.requests = [
      { id: 57, status: 2, type: "movie", tmdbId: 603, user: "Sam", updatedAt: fresh() },
      { id: 58, status: 1, type: "tv", tmdbId: 1396, tvdbId: 81189, seasons: [1, 2], user: "Alex", updatedAt: fresh() },
      // Old, finished: history, not a lost delivery.
      { id: 3, status: 5, type: "movie", tmdbId: 550, updatedAt: "2024-01-01T00:00:00.000Z" },
    ];
    const report = await runSweep({ db: await getDb(), clients });
    expect(report.errors).toEqual([]);
    const rows = await all();
    expect(rows.map((r) => [r.jellyseerrRequestId, r.title, r.year, r.stage, r.requestedBy, r.requestedSeasons])).toEqual([
      [57, "The Matrix", 1999, "approved", "Sam", []],
      [58, "Breaking Bad", 2008, "requested", "Alex", [1, 2]],
    ]);
    const before = await detail(rows[0]!.id);
    await runSweep({ db: await getDb(), clients });
    const after = await all();
    expect(after.map((r) => r.updatedAt.getTime())).toEqual(rows.map((r) => r.updatedAt.getTime()));
    expect((await detail(rows[0]!.id)).timeline).toHaveLength(before.timeline.length);
  });

  it("moves a known request on when its approval webhook was lost", async () => {
    await postWebhook("jellyseerr", payload("MEDIA_PENDING", { requestId: 58, mediaType: "tv", tmdbId: 1396, tvdbId: 81189, seasons: [1] }));
    fake.jellyseerr.requests = [{ id: 58, status: 2, type: "tv", tmdbId: 1396, tvdbId: 81189, seasons: [1], updatedAt: fresh() }];
    await runSweep({ db: await getDb(), clients });
    const [row] = await all();
    expect(row).toMatchObject({ jellyseerrRequestId: 58, stage: "approved" });
    expect((await detail(row!.id)).timeline.map((t) => t.event)).toEqual(["request.requested", "request.approved"]);
  });

  it("the health page probes Jellyseerr like the others", async () => {
    expect(await probeIntegration("jellyseerr", clients)).toMatchObject({ configured: true, reachable: true, version: "2.3.0" });
    const wrongKey = { ...noClients, jellyseerr: createJellyseerrClient({ url: fake.url, apiKey: "nope", timeoutMs: 2000 }) };
    expect(await wrongKey.jellyseerr!.recentRequests(1).catch((e: unknown) => String(e))).toContain("Jellyseerr /request");
    expect(await probeIntegration("jellyseerr", noClients)).toMatchObject({ configured: false });
  });
});
