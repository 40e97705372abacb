import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { Inngest } from "inngest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notifyMessages, outbox } from "@/db/schema";
import { createNotify } from "@/inngest/functions/notify";
import { noClients } from "@/lib/integrations/clients";
import { startReceivers } from "../fakes/notify-receivers";
import { resetTables } from "../helpers/db";
import { hashes } from "../helpers/payloads";
import { alex, clock, member, movieReady, resetNotifyTables, tick } from "../helpers/notify-world";

// Each scenario drives real webhooks, the database and loopback receivers: generous under a loaded CI machine.
vi.setConfig({ testTimeout: 90_000 });

let rx: Awaited<ReturnType<typeof startReceivers>>;
beforeAll(async () => {
  rx = await startReceivers();
});
afterAll(() => rx.stop());
beforeEach(async () => {
  await resetTables();
  await resetNotifyTables();
});

describe("the durable notify function", () => {
  it("is woken through the outbox when a message is due, and sends it with one step per channel", async () => {
    const t = clock();
    const [ntfy, hook] = await member(alex, [`ntfy://${rx.host()}/alex-phone`, `json://${rx.host()}/hook/alex`]);
    await tick(t.now(), undefined, false); // Inngest configured: the in-process tick only collects
    await movieReady("alex", { requestId: 31, tmdbId: 800, title: "Durable Film", hash: hashes.a });
    await tick(t.now(), undefined, false);
    const db = await getDb();
    const [message] = await db.select().from(notifyMessages);
    expect(message?.status).toBe("collecting");
    const due = (await db.select().from(outbox)).filter((o) => o.name === "tracker/notify.due");
    expect(due.map((o) => o.payload)).toEqual([{ messageId: message!.id }]);
    expect(rx.received).toHaveLength(0);

    const fn = createNotify(async () => ({ db, clients: noClients }), new Inngest({ id: "status-tracker-test", isDev: true }));
    const engine = new InngestTestEngine({ function: fn });
    const { result, ctx } = await engine.execute({ events: [{ name: "tracker/notify.due", data: { messageId: message!.id } }] });
    expect(result).toEqual({ status: "delivered" });
    const stepIds = (ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls.map((c) => c[0]);
    expect(stepIds).toEqual(["prepare", `channel-${ntfy!.id}`, `channel-${hook!.id}`, "finish"]);
    expect(rx.received.map((r) => r.path)).toEqual(["/", "/hook/alex"]);
    const [after] = await db.select().from(notifyMessages).where(eq(notifyMessages.id, message!.id));
    expect(after?.status).toBe("delivered");
  });
});
