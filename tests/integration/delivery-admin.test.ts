import { beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { findDelivery, listDeliveryEventTypes, listRecentDeliveries } from "@/db/queries/delivery-admin";
import { countByStage } from "@/db/queries/history";
import { listRequesters } from "@/db/queries/portal";
import { getRequestDetail } from "@/db/queries/request-detail";
import { listRequests } from "@/db/queries/request-list";
import { wholeHousehold, type ReadScope } from "@/lib/auth/policy";
import { requests, webhookDeliveries } from "@/db/schema";
import { pruneExpiredDeliveries } from "@/lib/deliveries/retention";
import { deliveries, resetTables } from "../helpers/db";
import { postWebhook } from "../helpers/webhooks";

beforeEach(resetTables);

const day = 24 * 60 * 60 * 1000;

async function delivery(key: string, receivedAt: Date) {
  const db = await getDb();
  await db.insert(webhookDeliveries).values({ source: "sonarr", eventType: "Grab", dedupeKey: key, status: "applied", body: "{}", receivedAt });
}

describe("webhook delivery retention", () => {
  it("deletes deliveries older than DELIVERY_RETENTION_DAYS (30) and keeps the rest", async () => {
    const now = new Date("2025-06-30T12:00:00Z");
    await delivery("old", new Date(now.getTime() - 31 * day));
    await delivery("edge", new Date(now.getTime() - 29 * day));
    await delivery("new", now);
    expect(await pruneExpiredDeliveries({ db: await getDb(), now })).toBe(1);
    expect((await deliveries()).map((d) => d.dedupeKey)).toEqual(["edge", "new"]);
  });

  it("prunes on webhook receipt", async () => {
    await delivery("ancient", new Date(Date.now() - 400 * day));
    const { status } = await postWebhook("radarr", { eventType: "Test", movie: { id: 1, title: "Test" } });
    expect(status).toBeLessThan(500);
    expect((await deliveries()).map((d) => d.dedupeKey)).not.toContain("ancient");
  });
});

describe("admin delivery list", () => {
  it("lists newest first without bodies", async () => {
    await delivery("a", new Date("2025-01-01T00:00:00Z"));
    await delivery("b", new Date("2025-01-02T00:00:00Z"));
    const rows = await listRecentDeliveries({ db: await getDb(), limit: 10 });
    expect(rows.map((r) => r.receivedAt.toISOString())).toEqual(["2025-01-02T00:00:00.000Z", "2025-01-01T00:00:00.000Z"]);
    expect(rows[0]).not.toHaveProperty("body");
  });

  it("filters by source, status and event, and opens one delivery with its body and requests", async () => {
    const db = await getDb();
    const [request] = await db
      .insert(requests)
      .values({ source: "jellyseerr", mediaType: "movie", title: "Arrival", titleKey: "arrival", ownStage: "approved", stage: "approved" })
      .returning({ id: requests.id });
    const rows = [
      { source: "sonarr" as const, eventType: "Grab", status: "applied" as const, dedupeKey: "s1" },
      { source: "sonarr" as const, eventType: "Download", status: "rejected" as const, dedupeKey: "s2", error: "episodes: Required" },
      { source: "radarr" as const, eventType: "Grab", status: "applied" as const, dedupeKey: "r1", requestIds: [request!.id] },
    ];
    await db.insert(webhookDeliveries).values(rows.map((r) => ({ body: '{"eventType":"x"}', ...r })));
    const keys = async (filters: Parameters<typeof listRecentDeliveries>[0]["filters"]) =>
      (await listRecentDeliveries({ db, limit: 10, filters })).map((r) => `${r.source}:${r.eventType}`).sort();
    expect(await keys({ source: "sonarr" })).toEqual(["sonarr:Download", "sonarr:Grab"]);
    expect(await keys({ status: "rejected" })).toEqual(["sonarr:Download"]);
    expect(await keys({ eventType: "Grab" })).toEqual(["radarr:Grab", "sonarr:Grab"]);
    expect(await keys({ source: "radarr", eventType: "Download" })).toEqual([]);
    expect(await listDeliveryEventTypes({ db })).toEqual([
      { source: "radarr", eventType: "Grab" },
      { source: "sonarr", eventType: "Download" },
      { source: "sonarr", eventType: "Grab" },
    ]);

    const [radarr] = await listRecentDeliveries({ db, limit: 1, filters: { source: "radarr" } });
    const opened = await findDelivery({ db, id: radarr!.id });
    expect(opened).toMatchObject({ source: "radarr", body: '{"eventType":"x"}', requests: [{ id: request!.id, title: "Arrival" }] });
    expect(await findDelivery({ db, id: 999_999 })).toBeNull();
  });
});

describe("requests of one requester", () => {
  it("reads by scope: the name or e-mail in any case, nothing for an empty list, nothing without a reader", async () => {
    const db = await getDb();
    const base = {
      source: "jellyseerr" as const,
      mediaType: "movie" as const,
      titleKey: "x",
      ownStage: "requested" as const,
      stage: "requested" as const,
    };
    await db.insert(requests).values([
      { ...base, title: "Mine by name", requestedBy: "Bob" },
      { ...base, title: "Mine by mail", requestedBy: "robert-j", requestedByEmail: "Bob@Example.com" },
      { ...base, title: "Theirs", requestedBy: "alice" },
    ]);
    const titles = async (scope: ReadScope | null) =>
      (await listRequests({ db, scope, filters: {}, cursor: null, limit: 10 })).items.map((r) => r.title).sort();
    expect(await titles({ all: false, requesters: ["bob", "bob@example.com"] })).toEqual(["Mine by mail", "Mine by name"]);
    expect(await titles({ all: false, requesters: [] })).toEqual([]);
    expect(await titles(wholeHousehold)).toEqual(["Mine by mail", "Mine by name", "Theirs"]);
    // No reader, nothing read: a query that is not told who is asking returns nothing, never everything.
    expect(await titles(null)).toEqual([]);
    expect(await listRequesters({ db, scope: null })).toEqual([]);
    expect(await countByStage({ db, scope: null, stages: ["requested"] })).toEqual({});
    expect(await countByStage({ db, scope: wholeHousehold, stages: ["requested"] })).toEqual({ requested: 3 });
    const [first] = (await listRequests({ db, scope: wholeHousehold, filters: {}, cursor: null, limit: 1 })).items;
    expect(await getRequestDetail({ db, id: first?.id ?? 0, scope: null })).toBeNull();
    expect(await getRequestDetail({ db, id: first?.id ?? 0, scope: wholeHousehold })).not.toBeNull();
    await db.execute(sql`select 1`);
  });
});
