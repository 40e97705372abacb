import "server-only";
import type { Db } from "@/db/client";
import { deleteChannelById, listChannelsOf, listDeliveredChannelIds, recordAttempt } from "@/db/queries/notify-channels";
import { listMembers } from "@/db/queries/notify-members";
import { enqueueDue, finishMessage, getMessage, holdMessage, listItemsOfMessage, saveRendered } from "@/db/queries/notify-messages";
import type { NotifyMessageRow } from "@/db/schema";
import { ChannelError, sendToChannel, type Outgoing } from "@/lib/notify/channels";
import { quietUntil } from "@/lib/notify/quiet";
import { HOUSEHOLD } from "@/lib/notify/recipients";
import { renderMessage, type MessageItem } from "@/lib/notify/render";
import type { VapidKeys } from "@/lib/notify/vapid";
import type { NotifyConfig } from "./config";

/** Consecutive failures after which a channel is marked failing and its owner told in the app. */
export const FAILING_AFTER = 5;
/** A message is retried for about a day (5 s doubling, capped at 10 min) before it is given up. */
export const MAX_ROUNDS = 150;

export function retryDelayMs(rounds: number): number {
  return Math.min(600_000, 5000 * 2 ** Math.min(rounds, 10));
}

export type Prepared =
  | { state: "send"; outgoing: Outgoing; channelIds: number[] }
  | { state: "held"; summaryId: number; until: string }
  | { state: "done"; status: string };

const ownerOf = (recipient: string) => (recipient === HOUSEHOLD ? null : recipient);

/** Step 1: quiet hours (hold), render, and which channels still need this message. */
export async function prepareMessage({
  db,
  message,
  now,
  config,
}: {
  db: Db;
  message: NotifyMessageRow;
  now: Date;
  config: NotifyConfig;
}): Promise<Prepared> {
  if (message.recipient !== HOUSEHOLD) {
    const member = (await listMembers({ db })).find((m) => m.nameKey === message.recipient);
    const until = member ? quietUntil({ timeZone: member.timeZone, start: member.quietStart, end: member.quietEnd }, now) : null;
    if (until) {
      const held = await holdMessage({ db, id: message.id, recipient: message.recipient, until });
      if (held.created || held.summaryId === message.id) await enqueueDue({ db, messages: [{ id: held.summaryId, dueAt: until }] });
      return { state: "held", summaryId: held.summaryId, until: until.toISOString() };
    }
  }
  const items = await listItemsOfMessage({ db, messageId: message.id });
  if (items.length === 0) {
    await finishMessage({ db, id: message.id, status: "merged", error: "nothing left to say", now });
    return { state: "done", status: "merged" };
  }
  const rendered = renderMessage(
    items.map((i) => ({ kind: i.kind, data: i.data }) as MessageItem),
    { baseUrl: config.baseUrl, summary: message.batchKey === "quiet" },
  );
  await saveRendered({ db, id: message.id, title: rendered.title, body: rendered.body, link: rendered.link });
  const channels = await listChannelsOf({ db, owner: ownerOf(message.recipient) });
  if (channels.length === 0) {
    await finishMessage({ db, id: message.id, status: "no_channel", error: "no channel is set up for this recipient", now });
    return { state: "done", status: "no_channel" };
  }
  const delivered = new Set(await listDeliveredChannelIds({ db, messageId: message.id }));
  const outgoing: Outgoing = { ...rendered, recipient: message.recipient, messageId: message.id };
  return { state: "send", outgoing, channelIds: channels.map((c) => c.id).filter((id) => !delivered.has(id)) };
}

export type ChannelResult = { channelId: number; ok: boolean; error: string | null };

/** Step 2 (one per channel): send, record the attempt; a push subscription the service calls gone is removed. */
export async function deliverToChannel(input: {
  db: Db;
  channelId: number;
  outgoing: Outgoing;
  now: Date;
  vapid: () => Promise<VapidKeys>;
}): Promise<ChannelResult> {
  const { db, channelId, outgoing, now, vapid } = input;
  const channel = (await listChannelsOf({ db, owner: ownerOf(outgoing.recipient) })).find((c) => c.id === channelId);
  if (!channel) return { channelId, ok: true, error: "the channel was removed" };
  try {
    await sendToChannel(channel, outgoing, vapid);
    await recordAttempt({ db, channelId, messageId: outgoing.messageId, ok: true, error: null, now, failingAfter: FAILING_AFTER });
    return { channelId, ok: true, error: null };
  } catch (error) {
    const words = error instanceof Error ? error.message : String(error);
    await recordAttempt({ db, channelId, messageId: outgoing.messageId, ok: false, error: words, now, failingAfter: FAILING_AFTER });
    if (error instanceof ChannelError && error.gone) {
      await deleteChannelById({ db, id: channelId });
      return { channelId, ok: true, error: words };
    }
    return { channelId, ok: false, error: words };
  }
}

/** Step 3: delivered when every channel has it; else retried with back-off, and given up after about a day. */
export async function finishRound({ db, messageId, results, now }: { db: Db; messageId: number; results: ChannelResult[]; now: Date }) {
  const message = await getMessage({ db, id: messageId });
  if (!message) return { status: "gone" as const };
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0) {
    await finishMessage({ db, id: messageId, status: "delivered", error: null, now });
    return { status: "delivered" as const };
  }
  const error = failed.map((f) => f.error).join("; ");
  if (message.attempts + 1 >= MAX_ROUNDS) {
    await finishMessage({ db, id: messageId, status: "failed", error, now });
    return { status: "failed" as const };
  }
  const dueAt = new Date(now.getTime() + retryDelayMs(message.attempts));
  await finishMessage({ db, id: messageId, status: "retrying", error, now, dueAt });
  return { status: "retrying" as const, dueAt };
}

/** The whole round in-process (embedded runner and "Send now" paths). */
export async function deliverMessage(input: { db: Db; message: NotifyMessageRow; now: Date; config: NotifyConfig; vapid: () => Promise<VapidKeys> }) {
  const prepared = await prepareMessage(input);
  if (prepared.state !== "send") return prepared.state === "held" ? { status: "held" as const } : { status: prepared.status };
  const results: ChannelResult[] = [];
  for (const channelId of prepared.channelIds) results.push(await deliverToChannel({ ...input, channelId, outgoing: prepared.outgoing }));
  return finishRound({ db: input.db, messageId: input.message.id, results, now: input.now });
}
