import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { listUnappliedDeliveries } from "@/db/queries/delivery-admin";
import { expireParkedSignals, listParkedSignals } from "@/db/queries/parked";
import { parkedSignals, requests, webhookDeliveries } from "@/db/schema";
import { retryDeliveryNow, retryDueDeliveries } from "@/lib/workflows/intake";
import { deliveries, resetTables } from "../helpers/db";
import { buildFlow } from "../helpers/flows";
import { jellyfinEpisode, jellyseerr, sonarrGrab } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

/**
 * A transaction that fails for any reason: a trigger that refuses new requests while a row sits in
 * test_fault. Real PostgreSQL, a real failure inside the delivery's transaction.
 */
beforeAll(async () => {
  const db = await getDb();
  await db.execute(sql`create table if not exists test_fault (on_ boolean)`);
  await db.execute(sql`create or replace function test_refuse() returns trigger language plpgsql as $$
    begin if exists (select 1 from test_fault) then raise exception 'refused by the test'; end if; return new; end $$`);
  await db.execute(sql`drop trigger if exists test_refuse on requests`);
  await db.execute(sql`create trigger test_refuse before insert on requests for each row execute function test_refuse()`);
});

beforeEach(async () => {
  await resetTables();
  await (await getDb()).execute(sql`truncate test_fault, parked_signals`);
});

const fail = async (on: boolean) => (await getDb()).execute(on ? sql`insert into test_fault values (true)` : sql`truncate test_fault`);
const request = jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 5, tmdbId: 603, subject: "The Matrix (1999)" });

describe("a delivery whose transaction fails", () => {
  it("stays pending with its bytes (202), and the same bytes sent again apply it instead of answering duplicate", async () => {
    await fail(true);
    const first = await postWebhook("jellyseerr", request);
    expect(first).toMatchObject({ status: 202, json: { pending: true } });
    const [row] = await deliveries();
    expect(row).toMatchObject({ status: "pending", attempts: 1, error: expect.stringContaining("refused by the test") });
    expect(row?.payload?.length).toBeGreaterThan(0);

    await fail(false);
    const again = await postWebhook("jellyseerr", request);
    expect(again.status).toBe(200);
    expect(again.json.duplicate).toBeUndefined();
    expect((await deliveries()).map((d) => [d.status, d.payload])).toEqual([["applied", null]]);
    expect(await (await getDb()).select().from(requests)).toHaveLength(1);
    expect((await postWebhook("jellyseerr", request)).json.duplicate).toBe(true);
  });

  it("is retried by the background worker once its back-off is over", async () => {
    await fail(true);
    await postWebhook("jellyseerr", request);
    const db = await getDb();
    expect(await retryDueDeliveries({ db })).toBe(0); // not due for 5 s
    await fail(false);
    await db.update(webhookDeliveries).set({ nextAttemptAt: new Date(Date.now() - 1000) });
    expect(await retryDueDeliveries({ db })).toBe(1);
    expect((await deliveries()).map((d) => d.status)).toEqual(["applied"]);
    expect(await db.select().from(requests)).toMatchObject([{ title: "The Matrix", stage: "approved" }]);
  });

  it("is failed with its error after the last attempt, listed for the admin, and applied by Retry", async () => {
    await fail(true);
    await postWebhook("jellyseerr", request);
    const db = await getDb();
    for (let i = 0; i < 10; i += 1) {
      await db
        .update(webhookDeliveries)
        .set({ nextAttemptAt: new Date(Date.now() - 1000) })
        .where(eq(webhookDeliveries.status, "pending"));
      await retryDueDeliveries({ db });
    }
    const [failed] = await listUnappliedDeliveries({ db, limit: 10 });
    expect(failed).toMatchObject({ status: "failed", attempts: 8, error: expect.stringContaining("refused by the test") });

    await fail(false);
    expect(await retryDeliveryNow({ db, id: failed!.id })).toMatchObject({ kind: "applied" });
    expect(await listUnappliedDeliveries({ db, limit: 10 })).toEqual([]);
    expect(await retryDeliveryNow({ db, id: failed!.id })).toBeNull(); // nothing left to retry
  });
});

describe("parked signals", () => {
  it("that never match expire after 30 days and stay listed for the admin", async () => {
    const res = await postWebhook("jellyfin", jellyfinEpisode({ season: 1, episode: 1, seriesName: "Nobody Asked For This" }), {
      contentType: "text/plain",
    });
    expect(res.json).toMatchObject({ applied: [], parked: 1 });
    const db = await getDb();
    expect(await expireParkedSignals({ db, now: new Date(Date.now() + 29 * 86_400_000) })).toBe(0);
    expect(await expireParkedSignals({ db, now: new Date(Date.now() + 31 * 86_400_000) })).toBe(1);
    expect(await listParkedSignals({ db, status: "expired", limit: 10 })).toMatchObject([
      { source: "jellyfin", summary: 'Jellyfin added episode "Nobody Asked For This" S01E01' },
    ]);
    // An expired signal is never applied, even if its request appears after all.
    await postWebhook(
      "sonarr",
      sonarrGrab({ hash: "a".repeat(40), title: "Nobody Asked For This", tvdbId: 4242, episodes: [{ season: 1, episode: 1 }] }),
    );
    expect(await db.select({ status: parkedSignals.status }).from(parkedSignals)).toEqual([{ status: "expired" }]);
  });
});

describe("bounded work and secrets", () => {
  it("applies a 5,000-character CJK title in full and finds its series by that name", async () => {
    const title = "長い題名の連続ドラマ".repeat(500);
    const flow = buildFlow("tv", 1);
    const body = JSON.parse(flow.deliveries[0]!.body) as Record<string, unknown>;
    body.subject = `${title} (2008)`;
    expect((await postWebhook("jellyseerr", body)).status).toBe(200);
    const db = await getDb();
    const [row] = await db.select().from(requests);
    expect(row?.title).toBe(title);
    // The episode's series name is matched through the title index.
    const grab = JSON.parse(flow.deliveries[1]!.body) as { series: { title: string } };
    grab.series.title = title;
    expect((await postWebhook("sonarr", grab)).status).toBe(200);
    const item = jellyfinEpisode({ season: 1, episode: 1, tvdbId: null, seriesName: title });
    expect((await postWebhook("jellyfin", item, { contentType: "text/plain" })).json.applied).toHaveLength(1);
  });

  it("redacts configured secret values wherever they appear in a stored body", async () => {
    const body = jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 9, tmdbId: 604, subject: "Leaked test-webhook-secret (2001)" });
    (body as Record<string, unknown>).message = "the token is test-api-token, see";
    expect((await postWebhook("jellyseerr", body)).status).toBe(200);
    const [row] = await deliveries();
    expect(row?.body).not.toContain("test-webhook-secret");
    expect(row?.body).not.toContain("test-api-token");
    expect(row?.body).toContain("[redacted-secret]");
  });
});
