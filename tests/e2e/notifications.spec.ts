import { createServer } from "node:net";
import { expect } from "@playwright/test";
import { startPushService } from "../fakes/push-service";
import { jellyseerr } from "../helpers/payloads";
import { e2e } from "./env";
import { post, test, unique } from "./support";

let push: Awaited<ReturnType<typeof startPushService>>;
test.beforeAll(async () => {
  push = await startPushService();
});
test.afterAll(() => push.close());

/**
 * Chromium's pushManager.subscribe() registers with the browser vendor's push service, which is not reachable
 * from these machines (it rejects with "push service error"). So the page first calls the real subscribe()
 * with the app's applicationServerKey; when that fails for want of a push service, it subscribes the way a
 * browser does — a fresh P-256 key pair and auth secret made with WebCrypto, and an endpoint — on the loopback
 * push service instead. Everything after that is real: the app's settings page, permission, the POST of the
 * PushSubscription JSON, the server storing it, and a real VAPID-signed, RFC 8291-encrypted push that the
 * loopback service verifies and decrypts with the page's keys.
 */
function stubPushServiceWhenUnreachable(pushOrigin: string) {
  const proto = PushManager.prototype;
  const realSubscribe = proto.subscribe;
  const state = window as unknown as Record<string, unknown>;
  let current: PushSubscription | null = null;
  const b64u = (bytes: ArrayBuffer) =>
    btoa(String.fromCharCode(...new Uint8Array(bytes)))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
  proto.subscribe = async function (options?: PushSubscriptionOptionsInit) {
    const key = options?.applicationServerKey;
    state.__appServerKey = key instanceof Uint8Array ? b64u(new Uint8Array(key).buffer) : null;
    try {
      // Without a reachable push service Chromium rejects (or never answers): give it 5 s.
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer from the push service within 5 s")), 5000));
      return await Promise.race([realSubscribe.call(this, options), timeout]);
    } catch (error) {
      state.__realSubscribeError = String(error);
    }
    const pair = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
    const publicKey = await crypto.subtle.exportKey("raw", pair.publicKey);
    const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
    const auth = crypto.getRandomValues(new Uint8Array(16));
    const id = b64u(crypto.getRandomValues(new Uint8Array(8)).buffer);
    const endpoint = `${pushOrigin}/push/${id}`;
    state.__pushKeys = { id, d: jwk.d, publicKey: b64u(publicKey), auth: b64u(auth.buffer) };
    const json = { endpoint, expirationTime: null, keys: { p256dh: b64u(publicKey), auth: b64u(auth.buffer) } };
    current = {
      endpoint,
      expirationTime: null,
      options: options ?? {},
      toJSON: () => json,
      getKey: () => null,
      unsubscribe: async () => {
        current = null;
        return true;
      },
    } as unknown as PushSubscription;
    return current;
  };
  proto.getSubscription = async () => current;
}

test("a member turns on push from the settings page; the subscription reaches the server and a test push arrives", async ({ page, context }) => {
  await context.grantPermissions(["notifications"], { origin: e2e.baseURL });
  await page.addInitScript(stubPushServiceWhenUnreachable, push.origin);
  await page.goto("/settings");
  await expect(page.getByTestId("push-status")).toHaveText("Push notifications are off for this device.");
  await page.getByRole("button", { name: "Turn on push notifications" }).click();
  await expect(page.getByTestId("push-status")).toHaveText("Push notifications are on for this device.");

  type PageState = {
    __pushKeys?: { id: string; d: string; publicKey: string; auth: string };
    __appServerKey?: string;
    __realSubscribeError?: string;
  };
  const state = await page.evaluate(() => {
    const w = window as unknown as PageState;
    return { keys: w.__pushKeys ?? null, appServerKey: w.__appServerKey ?? null, realError: w.__realSubscribeError ?? null };
  });
  test.skip(state.keys === null, "Chromium subscribed with a real push service; nothing to check on loopback");
  const { keys, appServerKey } = state;
  if (!keys) return;
  console.log(`real pushManager.subscribe() here: ${state.realError ?? "succeeded"}`);
  // The keys stay in the page: the test's push service learns them here, as the device would hold them.
  push.register(
    keys.id,
    {
      privateKey: Buffer.from(keys.d, "base64url"),
      publicKey: Buffer.from(keys.publicKey, "base64url"),
      authSecret: Buffer.from(keys.auth, "base64url"),
    },
    appServerKey,
  );

  // The device is listed: the server stored the subscription; its "Send test" pushes through the loopback service.
  const device = page.getByRole("list", { name: "Devices with push" }).getByTestId("channel");
  await expect(device).toHaveCount(1);
  await device.getByRole("button", { name: "Send test" }).click();
  await expect(device.getByTestId("channel-last")).toHaveText("Test delivered");
  expect(push.rejected).toEqual([]);
  expect(push.delivered).toHaveLength(1);
  expect(JSON.parse(push.delivered[0]!.payload)).toMatchObject({ title: "Test from Status Tracker", url: "/" });
});

test("the installed app opens offline and says so", async ({ page, context }) => {
  await page.goto("/settings");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload(); // now controlled by the service worker
  await context.setOffline(true);
  await page.goto("/history").catch(() => {});
  await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  await context.setOffline(false);
});

/** A loopback port nothing listens on (connection refused): a receiver that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 9;
}

test("a member follows a request from its page, and is told on every page when a channel keeps failing", async ({ page }) => {
  const id = unique();
  const [created] = await post(
    "jellyseerr",
    jellyseerr("MEDIA_PENDING", { requestId: id, tmdbId: id, subject: "Followed Film (2020)", user: "carol" }),
  );
  await page.goto(`/requests/${created!.requestId}`);
  await page.getByRole("button", { name: "Follow", exact: true }).click();
  await expect(page.getByRole("button", { name: "Following" })).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(page.getByRole("button", { name: "Following" })).toHaveAttribute("aria-pressed", "true");

  const url = `ntfy://127.0.0.1:${await closedPort()}/bob-down`;
  await page.goto("/settings");
  await page.getByLabel("Add a channel").fill(url);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const channel = page.getByRole("list", { name: "Your channels" }).getByTestId("channel").filter({ hasText: "bob-down" });
  await expect(channel).toHaveCount(1);
  await expect(page.getByRole("alert").filter({ hasText: "keeps failing" })).toHaveCount(0);
  for (let i = 0; i < 5; i += 1) {
    await channel.getByRole("button", { name: "Send test" }).click();
    await expect(channel.getByTestId("channel-last")).toHaveText(/^Test failed: could not reach ntfy at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    await expect(channel.getByRole("button", { name: "Send test" })).toBeEnabled();
  }
  await expect(channel.getByText("keeps failing")).toBeVisible();
  await page.goto("/history");
  const banner = page.getByRole("alert").filter({ hasText: "A notification channel keeps failing" });
  await expect(banner).toContainText("ECONNREFUSED");
  await banner.getByRole("link", { name: "Check your notification settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await channel.getByRole("button", { name: "Remove" }).click();
  await expect(channel).toHaveCount(0);
});
