import type { Inngest } from "inngest";
import { enqueueDue, finishMessage, getMessage } from "@/db/queries/notify-messages";
import { vapidKeys } from "@/lib/notify/vapid";
import { notifyConfigFromEnv } from "@/lib/workflows/notify/config";
import { deliverToChannel, finishRound, prepareMessage, retryDelayMs, type ChannelResult } from "@/lib/workflows/notify/deliver";
import { defaultRuntime, type Runtime } from "@/lib/workflows/runtime";
import { inngest } from "../client";
import { notifyDue } from "../events";

/**
 * Sends one due message: prepare (quiet hours, render), one step per channel (a failed send throws, so
 * Inngest retries that step with its back-off while the others stay done), then finish. A message whose
 * retries ran out is scheduled again through the outbox, so nothing is lost while a receiver is down.
 */
export function createNotify(runtime: () => Promise<Runtime> = defaultRuntime, client: Inngest = inngest) {
  return client.createFunction(
    {
      id: "notify",
      triggers: [{ event: notifyDue }],
      concurrency: { key: "event.data.messageId", limit: 1 },
      retries: 6,
      onFailure: async ({ event, error }) => {
        const { db } = await runtime();
        const messageId = Number((event.data.event.data as { messageId?: unknown }).messageId);
        const message = Number.isInteger(messageId) ? await getMessage({ db, id: messageId }) : null;
        if (!message) return;
        const dueAt = new Date(Date.now() + retryDelayMs(10));
        await finishMessage({ db, id: messageId, status: "retrying", error: error.message, now: new Date(), dueAt });
        await enqueueDue({ db, messages: [{ id: messageId, dueAt }] });
      },
    },
    async ({ event, step }) => {
      const { messageId } = event.data;
      const prepared = await step.run("prepare", async () => {
        const { db } = await runtime();
        const message = await getMessage({ db, id: messageId });
        if (!message || !["collecting", "held", "retrying"].includes(message.status))
          return { state: "done" as const, status: message?.status ?? "gone" };
        return prepareMessage({ db, message, now: new Date(), config: notifyConfigFromEnv() });
      });
      if (prepared.state !== "send") return prepared;
      const results: ChannelResult[] = [];
      for (const channelId of prepared.channelIds) {
        results.push(
          await step.run(`channel-${channelId}`, async () => {
            const { db } = await runtime();
            const result = await deliverToChannel({ db, channelId, outgoing: prepared.outgoing, now: new Date(), vapid: () => vapidKeys(db) });
            if (!result.ok) throw new Error(result.error ?? "not delivered");
            return result;
          }),
        );
      }
      return step.run("finish", async () => finishRound({ db: (await runtime()).db, messageId, results, now: new Date() }));
    },
  );
}

export const notifyFn = createNotify();
