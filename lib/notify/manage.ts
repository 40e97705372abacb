import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { addChannel, deleteOwnChannel, deleteOwnPushSubscription, getChannelForViewer, recordAttempt } from "@/db/queries/notify-channels";
import { followRequest, unfollowRequest } from "@/db/queries/notify-follows";
import { updateQuietHours, upsertMember } from "@/db/queries/notify-members";
import { getRequestDetail } from "@/db/queries/request-detail";
import { viewerScope } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { FAILING_AFTER } from "@/lib/workflows/notify/deliver";
import { notifyConfigFromEnv } from "@/lib/workflows/notify/config";
import { ChannelError, sendToChannel } from "./channels";
import { parseChannelUrl } from "./url";
import type { channelInput, pushSubscriptionJson, quietInput } from "./schemas";
import { vapidKeys } from "./vapid";

/** What the settings page and its routes do for the signed-in member: always their own channels only. */
export async function savePushSubscription(viewer: Viewer, sub: z.infer<typeof pushSubscriptionJson>) {
  const db = await getDb();
  await upsertMember({ db, viewer });
  const row = await addChannel({ db, viewer, scheme: "webpush", url: sub.endpoint, pushKeys: sub.keys, label: "This device" });
  return { id: row.id };
}

export async function removePushSubscription(viewer: Viewer, endpoint: string) {
  const removed = await deleteOwnPushSubscription({ db: await getDb(), viewer, endpoint });
  return { removed };
}

export async function addUrlChannel(viewer: Viewer, input: z.infer<typeof channelInput>) {
  const parsed = parseChannelUrl(input.url);
  if (!parsed.ok) throw new AppError("bad_request", parsed.message, [{ path: "url", message: parsed.message }]);
  const db = await getDb();
  await upsertMember({ db, viewer });
  const row = await addChannel({ db, viewer, scheme: parsed.target.scheme, url: input.url, label: input.label ?? null });
  return { id: row.id };
}

export async function removeChannel(viewer: Viewer, id: number) {
  if (!(await deleteOwnChannel({ db: await getDb(), viewer, id }))) throw new AppError("not_found", "No such channel of yours");
  return { removed: true };
}

/** "Send test": one real message over that channel, recorded as its last result. */
export async function testChannel(viewer: Viewer, id: number) {
  const db = await getDb();
  const channel = await getChannelForViewer({ db, viewer, id });
  if (!channel) throw new AppError("not_found", "No such channel of yours");
  const base = notifyConfigFromEnv().baseUrl;
  const outgoing = {
    title: "Test from Status Tracker",
    body: `If you can read this, ${channel.scheme} works for ${viewer.name}.`,
    link: base,
    requestId: null,
    items: [],
    recipient: viewer.name,
    messageId: null,
  };
  const now = new Date();
  try {
    await sendToChannel(channel, outgoing, () => vapidKeys(db));
    await recordAttempt({ db, channelId: id, messageId: null, ok: true, error: null, now, failingAfter: FAILING_AFTER });
    return { delivered: true, error: null };
  } catch (error) {
    const words = error instanceof ChannelError || error instanceof Error ? error.message : String(error);
    await recordAttempt({ db, channelId: id, messageId: null, ok: false, error: words, now, failingAfter: FAILING_AFTER });
    return { delivered: false, error: words };
  }
}

export async function saveQuietHours(viewer: Viewer, input: z.infer<typeof quietInput>) {
  await updateQuietHours({ db: await getDb(), viewer, ...input });
  return { saved: true };
}

/** Follow only what the viewer may read (MEMBERS_SEE=own hides others' requests, so they cannot follow them). */
export async function setFollow(viewer: Viewer, requestId: number, follow: boolean) {
  const db = await getDb();
  const found = await getRequestDetail({ db, id: requestId, scope: viewerScope(viewer, env().MEMBERS_SEE) });
  if (!found) throw new AppError("not_found", "No such request");
  await upsertMember({ db, viewer });
  if (follow) await followRequest({ db, viewer, requestId });
  else await unfollowRequest({ db, viewer, requestId });
  return { following: follow };
}
