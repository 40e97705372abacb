import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { closeDatabase, getDb } from "@/db/client";
import { notifyChannels, notifyMessages, notifyState } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { startReceivers } from "../fakes/notify-receivers";
import { resetTables } from "../helpers/db";
import { hashes, jellyseerr } from "../helpers/payloads";
import { onlyRequest } from "../helpers/db";
import { postWebhook } from "../helpers/webhooks";
import { applyTrackerEvents } from "@/lib/ingest/tracker";
import { setFollow } from "@/lib/notify/manage";
import { alex, clock, episodeInJellyfin, member, movieReady, resetNotifyTables, root, tick, tvRequest } from "../helpers/notify-world";

// Each scenario drives real webhooks, the database and loopback receivers: generous under a loaded CI machine.
vi.setConfig({ testTimeout: 90_000 });

let rx: Awaited<ReturnType<typeof startReceivers>>;
beforeAll(async () => {
  rx = await startReceivers();
  process.env.NOTIFY_DISCORD_API_URL = rx.url();
  process.env.NOTIFY_TELEGRAM_API_URL = rx.url();
  resetEnvForTests();
});
afterAll(() => rx.stop());
beforeEach(async () => {
  await resetTables();
  await resetNotifyTables();
  rx.received.length = 0;
});

const ntfy = () => rx.received.filter((r) => r.path === "/" && (r.json as { topic?: string }).topic === "alex-phone");
const hook = () => rx.received.filter((r) => r.path === "/hook/alex");
const adminDiscord = () => rx.received.filter((r) => r.path.startsWith("/webhooks/"));

describe("notifications from the timeline to the right person", () => {
  it("sends one message per 2-minute batch, and none twice across a restart mid-batch", async () => {
    const t = clock();
    await member(alex, [`ntfy://${rx.host()}/alex-phone`, `json://${rx.host()}/hook/alex`]);
    await tick(t.now()); // first run: notes where the timeline is
    await tvRequest("alexander");
    for (const e of [1, 2, 3]) await episodeInJellyfin(e);
    t.advance(10_000);
    await tick(t.now());
    expect(ntfy()).toHaveLength(0); // the batch window is open

    // The app restarts mid-batch: a new connection pool, and even a lost cursor re-derives nothing new.
    await closeDatabase();
    await (await getDb()).delete(notifyState).where(eq(notifyState.key, "timeline-cursor"));
    await tick(t.now());
    await (await getDb()).update(notifyState).set({ value: 0 }).where(eq(notifyState.key, "timeline-cursor"));
    for (const e of [4, 5, 6]) await episodeInJellyfin(e);
    t.advance(50_000);
    await tick(t.now());
    expect(ntfy()).toHaveLength(0);

    t.advance(61_000); // past the 2-minute window opened by E01
    await tick(t.now());
    t.advance(300_000);
    await tick(t.now());
    expect(ntfy()).toHaveLength(1);
    const body = ntfy()[0]!.json as { title: string; click: string };
    expect(body.title).toBe("Severance S01E01–E06 are ready to watch");
    expect(body.click).toMatch(/^http:\/\/tracker\.test\/requests\/\d+$/);
    expect(hook()).toHaveLength(1);
    const json = hook()[0]!.json as Record<string, unknown>;
    expect(json).toMatchObject({
      event: "episode",
      title: "Severance",
      mediaType: "tv",
      season: 1,
      episodes: [1, 2, 3, 4, 5, 6],
      stage: "importing",
    }); // E07–E08 are still on their way: the headline is the bottleneck
    expect(json.link).toBe(body.click);
  });

  it("loses nothing while a receiver is down for 5 minutes, and marks the channel failing meanwhile", async () => {
    const t = clock();
    const [channel] = await member(alex, [`ntfy://${rx.host()}/alex-phone`]);
    await tick(t.now());
    await rx.stop();
    try {
      await movieReady("someone", { email: "alex@example.com", requestId: 7, tmdbId: 603, title: "The Matrix", hash: hashes.b });
      const downUntil = t.now().getTime() + 5 * 60_000;
      while (t.now().getTime() < downUntil) {
        await tick(t.now());
        t.advance(15_000);
      }
      const db = await getDb();
      const [marked] = await db.select().from(notifyChannels).where(eq(notifyChannels.id, channel!.id));
      expect(marked?.failingSince).not.toBeNull();
      expect(marked?.lastError).toMatch(/could not reach ntfy at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    } finally {
      await rx.start();
    }
    // Back up: the next retry (at most 10 minutes later) delivers it, once.
    for (let i = 0; i < 25 && ntfy().length === 0; i += 1) {
      t.advance(30_000);
      await tick(t.now());
    }
    t.advance(3_600_000);
    await tick(t.now());
    expect(ntfy().map((r) => (r.json as { title: string }).title)).toEqual(["The Matrix (1999) is ready to watch"]);
    const db = await getDb();
    const [healed] = await db.select().from(notifyChannels).where(eq(notifyChannels.id, channel!.id));
    expect(healed?.failingSince).toBeNull();
    expect(healed?.lastStatus).toBe("delivered");
  }, 120_000);

  it("tells admins, with 'no one to tell', when the requester is no member; the member never hears of it", async () => {
    const t = clock();
    await member(alex, [`ntfy://${rx.host()}/alex-phone`]);
    await member(root, [`discord://123456/tok-en`, `tgram://123456:ABC-def/987`]);
    await tick(t.now());
    await movieReady("stranger", { requestId: 8, tmdbId: 604, title: "Stranger Film", hash: hashes.c });
    await tick(t.now());
    expect(ntfy()).toHaveLength(0);
    const discord = adminDiscord();
    expect(discord).toHaveLength(1);
    // Discord "Execute Webhook": POST /webhooks/{id}/{token}, JSON with embeds[{title, description, url}].
    expect(discord[0]!.path).toBe("/webhooks/123456/tok-en");
    expect(discord[0]!.query.get("wait")).toBe("true");
    expect(discord[0]!.headers["content-type"]).toBe("application/json");
    const embed = (discord[0]!.json as { embeds: { title: string; description: string; url: string }[] }).embeds[0]!;
    expect(embed.title).toBe("Stranger Film (1999) is ready to watch");
    expect(embed.description).toMatch(/No one to tell: "stranger" is not a member here/);
    // Telegram Bot API sendMessage: POST /bot{token}/sendMessage, JSON {chat_id, text}.
    const telegram = rx.received.filter((r) => r.path === "/bot123456:ABC-def/sendMessage");
    expect(telegram).toHaveLength(1);
    expect(telegram[0]!.json).toMatchObject({ chat_id: "987" });
    expect((telegram[0]!.json as { text: string }).text).toMatch(/^Stranger Film \(1999\) is ready to watch\n\nNo one to tell/);
  });

  it("reaches the member under USER_ALIASES (Jellyseerr name or e-mail), and not the admins", async () => {
    const t = clock();
    await member(alex, [`ntfy://${rx.host()}/alex-phone`]);
    await member(root, [`discord://123456/tok-en`]);
    await tick(t.now());
    await movieReady("alexander", { requestId: 9, tmdbId: 605, title: "Alias Film", hash: hashes.d });
    await tick(t.now());
    expect(ntfy()).toHaveLength(1);
    expect(adminDiscord()).toHaveLength(0);
  });

  it("holds messages in quiet hours and sends one summary when they end", async () => {
    const db = await getDb();
    await member(alex, [`ntfy://${rx.host()}/alex-phone`]);
    const { updateQuietHours } = await import("@/db/queries/notify-members");
    await updateQuietHours({ db, viewer: alex, timeZone: "UTC", quietStart: 22 * 60, quietEnd: 7 * 60 });
    const night = new Date();
    night.setUTCHours(23, 0, 0, 0);
    if (night.getTime() < Date.now()) night.setUTCDate(night.getUTCDate() + 1);
    await tick(new Date()); // notifications switched on now; the night below is later
    const t = clock(night.getTime());
    await movieReady("alex", { requestId: 10, tmdbId: 606, title: "First Night", hash: hashes.c });
    await tick(t.now());
    t.advance(3_600_000);
    await movieReady("alex", { requestId: 11, tmdbId: 607, title: "Second Night", hash: hashes.e });
    await tick(t.now());
    t.advance(3 * 3_600_000); // 03:00
    await tick(t.now());
    expect(ntfy()).toHaveLength(0);
    t.set(night.getTime() + 8 * 3_600_000 + 1000); // 07:00:01
    await tick(t.now());
    expect(ntfy()).toHaveLength(1);
    const body = ntfy()[0]!.json as { title: string; message: string };
    expect(body.title).toBe("While it was quiet: 2 updates");
    expect(body.message).toBe("First Night (1999) is ready to watch\nSecond Night (1999) is ready to watch");
    const statuses = (await db.select().from(notifyMessages)).map((m) => m.status).sort();
    expect(statuses).toEqual(["delivered", "merged", "merged"]);
  });

  it("tells a follower too, and tells requester and admins about a request stuck for 30 minutes, with the reason", async () => {
    const t = clock();
    await member(alex, [`ntfy://${rx.host()}/alex-phone`]);
    await member(root, [`discord://123456/tok-en`]);
    const sam = { name: "sam", role: "member" as const, aliases: ["sam"] };
    await member(sam, [`json://${rx.host()}/hook/sam`]);
    await tick(t.now());
    await postWebhook("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 12, tmdbId: 608, subject: "Stuck Film (1999)", user: "alex" }));
    const request = await onlyRequest();
    await setFollow(sam, request.id, true);
    await applyTrackerEvents({
      db: await getDb(),
      source: "tracker",
      events: [{ type: "attention.raised", requestId: request.id, kind: "stalled", reason: "No seeds for 3 hours" }],
    });
    t.advance(29 * 60_000);
    await tick(t.now());
    expect(rx.received).toHaveLength(0);
    t.advance(2 * 60_000);
    await tick(t.now());
    t.advance(60_000);
    await tick(t.now());
    expect(ntfy().map((r) => (r.json as { title: string }).title)).toEqual(["Stuck Film (1999) is stuck: No seeds for 3 hours"]);
    expect(rx.received.filter((r) => r.path === "/hook/sam")).toHaveLength(1);
    expect(adminDiscord()).toHaveLength(1);
  });
});
