import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SMTPServer } from "smtp-server";
import { getDb } from "@/db/client";
import { addChannel } from "@/db/queries/notify-channels";
import { notifyChannels } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { PUSH_CA_FILE, startPushService } from "../fakes/push-service";
import { resetTables } from "../helpers/db";
import { hashes } from "../helpers/payloads";
import { alex, clock, member, movieReady, resetNotifyTables, tick } from "../helpers/notify-world";

// Each scenario drives real webhooks, the database and loopback receivers: generous under a loaded CI machine.
vi.setConfig({ testTimeout: 90_000 });

let push: Awaited<ReturnType<typeof startPushService>>;
let smtp: SMTPServer;
let smtpPort = 0;
const mails: { from: string; to: string[]; raw: string; user: string | null }[] = [];

beforeAll(async () => {
  process.env.NOTIFY_PUSH_CA_FILE = PUSH_CA_FILE;
  resetEnvForTests();
  push = await startPushService();
  smtp = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: false,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) =>
      auth.username === "tracker" && auth.password === "pw"
        ? callback(null, { user: auth.username })
        : callback(new Error("Invalid username or password")),
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString(),
          user: (session.user as string | undefined) ?? null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const address = smtp.server.address();
  smtpPort = typeof address === "object" && address ? address.port : 0;
});
afterAll(async () => {
  await push.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});
beforeEach(async () => {
  await resetTables();
  await resetNotifyTables();
  mails.length = 0;
  push.delivered.length = 0;
});

describe("web push and e-mail channels against real protocol endpoints on loopback", () => {
  it("pushes a VAPID-signed aes128gcm message the subscriber's keys decrypt; a tap opens the request page", async () => {
    const t = clock();
    await member(alex, []);
    const db = await getDb();
    const { vapidKeys } = await import("@/lib/notify/vapid");
    const vapid = await vapidKeys(db);
    const sub = push.subscribe(vapid.publicKey);
    await addChannel({ db, viewer: alex, scheme: "webpush", url: sub.endpoint, pushKeys: sub.keys });
    await tick(t.now());
    await movieReady("alex", { requestId: 21, tmdbId: 700, title: "Pushed Film", hash: hashes.a });
    await tick(t.now());
    expect(push.rejected).toEqual([]);
    expect(push.delivered).toHaveLength(1);
    const payload = JSON.parse(push.delivered[0]!.payload) as { title: string; url: string };
    expect(payload.title).toBe("Pushed Film (1999) is ready to watch");
    expect(payload.url).toMatch(/^\/requests\/\d+$/);
    // The same keys are used after a restart: generated once, kept in the database.
    expect((await vapidKeys(db)).publicKey).toBe(vapid.publicKey);
  });

  it("removes a subscription the push service answers 410 or 404 for", async () => {
    const t = clock();
    await member(alex, []);
    const db = await getDb();
    const { vapidKeys } = await import("@/lib/notify/vapid");
    const sub = push.subscribe((await vapidKeys(db)).publicKey);
    push.gone.add(sub.endpoint.split("/").pop()!);
    await addChannel({ db, viewer: alex, scheme: "webpush", url: sub.endpoint, pushKeys: sub.keys });
    // An endpoint the push service never issued: 404.
    const unknown = sub.endpoint.replace(/[^/]+$/, "never-issued");
    await addChannel({ db, viewer: alex, scheme: "webpush", url: unknown, pushKeys: sub.keys });
    await tick(t.now());
    await movieReady("alex", { requestId: 22, tmdbId: 701, title: "Gone Film", hash: hashes.b });
    await tick(t.now());
    expect(await db.select().from(notifyChannels)).toEqual([]);
  });

  it("signs with VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY when they are set", async () => {
    const { default: webpush } = await import("web-push");
    const configured = webpush.generateVAPIDKeys();
    process.env.VAPID_PUBLIC_KEY = configured.publicKey;
    process.env.VAPID_PRIVATE_KEY = configured.privateKey;
    resetEnvForTests();
    push.rejected.length = 0;
    try {
      const t = clock();
      await member(alex, []);
      const db = await getDb();
      const { vapidKeys } = await import("@/lib/notify/vapid");
      expect(await vapidKeys(db)).toEqual(configured);
      const sub = push.subscribe(configured.publicKey); // the service checks the VAPID header against this key
      await addChannel({ db, viewer: alex, scheme: "webpush", url: sub.endpoint, pushKeys: sub.keys });
      await tick(t.now());
      await movieReady("alex", { requestId: 24, tmdbId: 703, title: "Keyed Film", hash: hashes.d });
      await tick(t.now());
      expect(push.rejected).toEqual([]);
      expect(push.delivered.map((d) => (JSON.parse(d.payload) as { title: string }).title)).toEqual(["Keyed Film (1999) is ready to watch"]);
    } finally {
      delete process.env.VAPID_PUBLIC_KEY;
      delete process.env.VAPID_PRIVATE_KEY;
      resetEnvForTests();
    }
  });

  it("sends e-mail over SMTP with the message as subject and the link in the body", async () => {
    const t = clock();
    await member(alex, [`mailto://tracker:pw@127.0.0.1:${smtpPort}?to=alex@example.com&from=tracker@example.com`]);
    await tick(t.now());
    await movieReady("alex", { requestId: 23, tmdbId: 702, title: "Mailed Film", hash: hashes.c });
    await tick(t.now());
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: "tracker@example.com", to: ["alex@example.com"], user: "tracker" });
    expect(mails[0]!.raw).toMatch(/^Subject: Mailed Film \(1999\) is ready to watch$/m);
    expect(mails[0]!.raw).toMatch(/http:\/\/tracker\.test\/requests\/\d+/);
  });
});
