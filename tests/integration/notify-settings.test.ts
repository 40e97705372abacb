import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { listChannelsForViewer } from "@/db/queries/notify-channels";
import type { Viewer } from "@/lib/auth/session";
import { addUrlChannel, removeChannel, savePushSubscription, setFollow, testChannel } from "@/lib/notify/manage";
import { listFollowers } from "@/db/queries/notify-follows";
import { syncHousehold } from "@/lib/workflows/notify/run";
import { startReceivers } from "../fakes/notify-receivers";
import { onlyRequest, resetTables } from "../helpers/db";
import { alex, resetNotifyTables, root, testConfig } from "../helpers/notify-world";
import { jellyseerr } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

// Each scenario drives real webhooks, the database and loopback receivers: generous under a loaded CI machine.
vi.setConfig({ testTimeout: 90_000 });

const sam: Viewer = { name: "Sam", role: "member", aliases: ["sam"] };
let rx: Awaited<ReturnType<typeof startReceivers>>;
beforeAll(async () => {
  rx = await startReceivers();
});
afterAll(() => rx.stop());
beforeEach(async () => {
  await resetTables();
  await resetNotifyTables();
});

describe("members see and edit only their own channels", () => {
  it("keeps each member to their own channels; admins also see (and test) the household's but cannot remove them", async () => {
    const db = await getDb();
    const { id } = await addUrlChannel(alex, { url: `ntfy://${rx.host()}/alex` });
    await syncHousehold({ db, config: testConfig({ householdUrls: [`json://${rx.host()}/hook/house`] }) });
    expect((await listChannelsForViewer({ db, viewer: sam })).map((c) => c.url)).toEqual([]);
    expect((await listChannelsForViewer({ db, viewer: alex })).map((c) => c.url)).toEqual([`ntfy://${rx.host()}/alex`]);
    expect((await listChannelsForViewer({ db, viewer: root })).map((c) => c.url)).toEqual([`json://${rx.host()}/hook/house`]);
    await expect(removeChannel(sam, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(testChannel(sam, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(testChannel(root, id)).rejects.toMatchObject({ code: "not_found" });
    const household = (await listChannelsForViewer({ db, viewer: root }))[0]!;
    await expect(testChannel(root, household.id)).resolves.toEqual({ delivered: true, error: null });
    await expect(removeChannel(root, household.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(removeChannel(alex, id)).resolves.toEqual({ removed: true });
  });

  it("refuses a URL it cannot use, in plain words", async () => {
    await expect(addUrlChannel(alex, { url: "ntfy://only-a-host" })).rejects.toMatchObject({
      code: "bad_request",
      message: "ntfy needs a host and a topic: ntfy://host/topic",
    });
  });

  it("shows the last result of Send test: delivered, or the error in plain words", async () => {
    const db = await getDb();
    const { id } = await addUrlChannel(alex, { url: `gotify://${rx.host()}/WrongToken` });
    const result = await testChannel(alex, id);
    expect(result).toEqual({ delivered: false, error: expect.stringMatching(/^Gotify answered 401 Unauthorized: .*valid access token/) });
    const [row] = await listChannelsForViewer({ db, viewer: alex });
    expect(row).toMatchObject({ lastStatus: "failed", lastError: result.error });
  });

  it("stores a browser's PushSubscription once per device, and follows only readable requests", async () => {
    const db = await getDb();
    const sub = { endpoint: "https://push.example.com/send/abc", keys: { p256dh: "B".repeat(87), auth: "a".repeat(22) } };
    await savePushSubscription(alex, sub);
    await savePushSubscription(alex, sub);
    expect((await listChannelsForViewer({ db, viewer: alex })).filter((c) => c.scheme === "webpush")).toHaveLength(1);
    await postWebhook("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 3, tmdbId: 603, subject: "The Matrix (1999)" }));
    const request = await onlyRequest();
    await expect(setFollow(sam, request.id, true)).resolves.toEqual({ following: true });
    expect((await listFollowers({ db, requestIds: [request.id] })).get(request.id)).toEqual(["sam"]);
    await expect(setFollow(sam, 999_999, true)).rejects.toMatchObject({ code: "not_found" });
  });
});
