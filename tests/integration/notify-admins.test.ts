import { createServer } from "node:net";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { listFailingChannelsForViewer } from "@/db/queries/notify-channels";
import { NotificationsPanel } from "@/components/notify/admin-panel";
import { alex, clock, useNotifyReceivers, member, movieReady, root, testConfig, tick } from "../helpers/notify-world";
import { hashes, jellyseerr } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

// Each scenario drives real webhooks, the database and loopback receivers: generous under a loaded CI machine.
vi.setConfig({ testTimeout: 90_000 });

const { rx, titles } = useNotifyReceivers();

/** A loopback port nothing listens on: a receiver that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 9;
}

describe("what requesters and admins are told", () => {
  it("tells the requester a request was declined; a failed one, the requester and the admins", async () => {
    const t = clock();
    await member(alex, [`ntfy://${rx.host()}/alex-phone`]);
    await member(root, [`ntfy://${rx.host()}/root-phone`]);
    await tick(t.now());
    for (const [type, requestId, title] of [
      ["MEDIA_DECLINED", 91, "Declined Film"],
      ["MEDIA_FAILED", 92, "Failed Film"],
    ] as const) {
      const res = await postWebhook("jellyseerr", jellyseerr(type, { requestId, tmdbId: 900 + requestId, subject: `${title} (1999)`, user: "alex" }));
      expect(res.status).toBe(200);
    }
    await tick(t.now());
    expect(titles("alex-phone").sort()).toEqual(["Failed Film (1999) failed", "Your request for Declined Film (1999) was declined"]);
    expect(titles("root-phone")).toEqual(["Failed Film (1999) failed"]);
    t.advance(3_600_000);
    await tick(t.now());
    expect(rx.received).toHaveLength(3); // said once
  });

  it("prints to the demo's log:// channel and lists each message on the admin page with its status and each channel's result", async () => {
    const t = clock();
    const config = testConfig({ householdUrls: ["log://"] });
    const down = `ntfy://127.0.0.1:${await closedPort()}/root-down`;
    const [rootChannel] = await member(root, [down]);
    await tick(t.now(), config);
    const printed = vi.spyOn(console, "log");
    try {
      await movieReady("stranger", { requestId: 93, tmdbId: 993, title: "Stranger Film", hash: hashes.b });
      await tick(t.now(), config);
      const lines = printed.mock.calls.map((c) => String(c[0])).filter((line) => line.includes('"message":"notification"'));
      expect(lines.map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({
          to: "@household",
          title: "Stranger Film (1999) is ready to watch",
          body: 'No one to tell: "stranger" is not a member here.',
          link: expect.stringMatching(/^http:\/\/tracker\.test\/requests\/\d+$/),
        }),
      ]);
    } finally {
      printed.mockRestore();
    }

    const html = renderToStaticMarkup(await NotificationsPanel());
    const rows = [...html.matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "|").replace(/\|+/g, "|"));
    expect(rows).toEqual([
      expect.stringMatching(/^\|to @household\|Stranger Film \(1999\) is ready to watch\|Delivered\|log: delivered\|$/),
      expect.stringMatching(
        /^\|to root\|Stranger Film \(1999\) is ready to watch\|Retrying\|ntfy: could not reach ntfy at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\|$/,
      ),
    ]);
    // A channel that failed once is not yet "keeps failing"; its owner is told in the app only after five in a row.
    expect(await listFailingChannelsForViewer({ db: await getDb(), viewer: root })).toEqual([]);
    for (let i = 0; i < 4; i += 1) {
      t.advance(600_000);
      await tick(t.now(), config);
    }
    const failing = await listFailingChannelsForViewer({ db: await getDb(), viewer: root });
    expect(failing.map((c) => c.id)).toEqual([rootChannel!.id]);
    expect(await listFailingChannelsForViewer({ db: await getDb(), viewer: alex })).toEqual([]);
  });
});
