import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sourceStatus } from "@/db/schema";
import { allRequests, deliveries, resetTables } from "../helpers/db";
import { hashes, radarrGrab } from "../helpers/payloads";
import { contract, postWebhook } from "../helpers/webhooks";
import { eventually } from "../helpers/eventually";

beforeEach(resetTables);

describe("authentication", () => {
  const body = contract("radarr-test");
  it("accepts the secret as Bearer, as the basic-auth password, as X-Webhook-Secret and as ?token=", async () => {
    const basic = `Basic ${Buffer.from("sonarr:test-webhook-secret").toString("base64")}`;
    expect((await postWebhook("radarr", body)).status).toBe(200);
    expect((await postWebhook("radarr", body, { secret: null, headers: { authorization: basic } })).status).toBe(200);
    expect((await postWebhook("radarr", body, { secret: null, headers: { "x-webhook-secret": "test-webhook-secret" } })).status).toBe(200);
    expect((await postWebhook("radarr", body, { query: "?token=test-webhook-secret" })).status).toBe(200);
  });

  it("answers 401 for a missing or wrong secret and stores nothing", async () => {
    expect((await postWebhook("radarr", body, { secret: null })).status).toBe(401);
    expect((await postWebhook("radarr", body, { secret: "wrong" })).status).toBe(401);
    const basic = `Basic ${Buffer.from("sonarr:nope").toString("base64")}`;
    expect((await postWebhook("radarr", body, { secret: null, headers: { authorization: basic } })).status).toBe(401);
    expect(await deliveries()).toHaveLength(0);
  });

  it("answers 404 for a source that does not exist", async () => {
    expect((await postWebhook("plex", body)).status).toBe(404);
  });
});

describe("answers", () => {
  it("400 lists the failing field paths and keeps the body as a rejected delivery", async () => {
    const grab = radarrGrab({ hash: hashes.c });
    (grab.movie as Record<string, unknown>).title = 42;
    const res = await postWebhook("radarr", grab);
    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([expect.objectContaining({ path: "movie.title" })]);
    const [stored] = await deliveries();
    expect(stored).toMatchObject({ status: "rejected", eventType: "Grab", source: "radarr" });
    expect(stored?.error).toContain("movie.title");
    expect(JSON.parse(stored?.body ?? "{}")).toMatchObject({ eventType: "Grab" });
  });

  it("400 for a body that is not JSON, kept as text", async () => {
    const res = await postWebhook("sonarr", null, { raw: "<xml>nope</xml>", contentType: "application/xml" });
    expect(res.status).toBe(400);
    expect((await deliveries())[0]).toMatchObject({ status: "rejected", body: "<xml>nope</xml>" });
  });

  it("202 for an event type that is not tracked, stored as ignored", async () => {
    const res = await postWebhook("jellyfin", { NotificationType: "PlaybackStart", ItemId: "a".repeat(32) }, { contentType: "text/plain" });
    expect(res.status).toBe(202);
    expect((await deliveries())[0]).toMatchObject({ status: "ignored", eventType: "PlaybackStart" });
  });

  it("413 for a body over 1 MiB", async () => {
    const res = await postWebhook("sonarr", null, { raw: `{"eventType":"Test","x":"${"a".repeat(1024 * 1024)}"}` });
    expect(res.status).toBe(413);
  });

  it("Test notifications of every sender answer 200 and mark the source connected", async () => {
    for (const [source, name] of [
      ["sonarr", "sonarr-test"],
      ["radarr", "radarr-test"],
      ["jellyseerr", "jellyseerr-test-notification"],
    ] as const) {
      expect((await postWebhook(source, contract(name))).status).toBe(200);
    }
    const db = await getDb();
    const rows = await db.select().from(sourceStatus);
    expect(rows.map((r) => r.source).sort()).toEqual(["jellyseerr", "radarr", "sonarr"]);
    expect(rows.every((r) => r.connectedAt !== null)).toBe(true);
    expect(await allRequests()).toHaveLength(0);
  });

  it("the health page's last-delivery line ends at the source's last event, however quickly the deliveries came", async () => {
    const db = await getDb();
    const lastEvent = async () => (await db.select().from(sourceStatus)).find((r) => r.source === "radarr")?.lastEventType;
    // The line is written at most once a second per source; the second grab lands inside that second.
    expect((await postWebhook("radarr", radarrGrab({ hash: hashes.a, tmdbId: 701 }))).status).toBe(200);
    expect((await postWebhook("radarr", radarrGrab({ hash: hashes.b, tmdbId: 702 }))).status).toBe(200);
    expect((await postWebhook("radarr", contract("radarr-download"))).status).toBe(200);
    await eventually(async () => expect(await lastEvent()).toBe("Download"), { timeout: 5000, interval: 100 });
  });

  it("reads qBittorrent's finished call as JSON, url-encoded or multipart", async () => {
    const hash = hashes.a.toLowerCase();
    expect((await postWebhook("qbittorrent", { hash })).status).toBe(200);
    expect(
      (await postWebhook("qbittorrent", null, { raw: `hash=${hashes.b.toLowerCase()}&name=x`, contentType: "application/x-www-form-urlencoded" }))
        .status,
    ).toBe(200);
    const form = new FormData();
    form.set("hash", hashes.c.toLowerCase());
    const multipart = new Response(form);
    const raw = new Uint8Array(await multipart.arrayBuffer());
    const res = await postWebhook("qbittorrent", null, { raw, contentType: multipart.headers.get("content-type") ?? "" });
    expect(res.status).toBe(200);
    expect((await deliveries()).map((d) => d.status)).toEqual(["applied", "applied", "applied"]);
  });

  it("stores bodies with e-mail addresses and avatars redacted", async () => {
    await postWebhook("jellyseerr", contract("jellyseerr-movie-auto-approved"));
    const [stored] = await deliveries();
    expect(stored?.body).not.toContain("alex@example.com");
    expect(stored?.body).not.toContain("/avatarproxy/");
    expect(JSON.parse(stored?.body ?? "{}").request.requestedBy_username).toBe("Alex");
  });
});
