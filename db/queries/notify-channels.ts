import "server-only";
import { and, desc, eq, inArray, isNotNull, isNull, notInArray, or, sql } from "drizzle-orm";
import type { Viewer } from "@/lib/auth/session";
import type { Db } from "../client";
import { notifyAttempts, notifyChannels, type NotifyChannelRow, type PushKeys } from "../schema";
import { memberKey } from "./notify-members";

/** The viewer's own channels, and for an admin the household's (NOTIFY_URLS) too. */
export async function listChannelsForViewer({ db, viewer }: { db: Db; viewer: Viewer | null }): Promise<NotifyChannelRow[]> {
  if (!viewer) return [];
  const own = eq(notifyChannels.owner, memberKey(viewer.name));
  return db
    .select()
    .from(notifyChannels)
    .where(viewer.role === "admin" ? or(own, isNull(notifyChannels.owner)) : own)
    .orderBy(notifyChannels.id);
}

export async function getChannelForViewer({ db, viewer, id }: { db: Db; viewer: Viewer | null; id: number }): Promise<NotifyChannelRow | null> {
  const rows = await listChannelsForViewer({ db, viewer });
  return rows.find((r) => r.id === id) ?? null;
}

export async function addChannel(input: { db: Db; viewer: Viewer; scheme: string; url: string; pushKeys?: PushKeys; label?: string | null }) {
  const { db, viewer, scheme, url, pushKeys, label } = input;
  const owner = memberKey(viewer.name);
  const [row] = await db
    .insert(notifyChannels)
    .values({ owner, scheme, url, pushKeys: pushKeys ?? null, label: label ?? null })
    .onConflictDoUpdate({
      target: [notifyChannels.owner, notifyChannels.url],
      set: { pushKeys: pushKeys ?? null, label: label ?? null, failingSince: null, consecutiveFailures: 0 },
    })
    .returning();
  return row!;
}

/** Removes one of the viewer's own channels; household ones live in NOTIFY_URLS and are not removable here. */
export async function deleteOwnChannel({ db, viewer, id }: { db: Db; viewer: Viewer; id: number }): Promise<boolean> {
  const rows = await db
    .delete(notifyChannels)
    .where(and(eq(notifyChannels.id, id), eq(notifyChannels.owner, memberKey(viewer.name))))
    .returning({ id: notifyChannels.id });
  return rows.length > 0;
}

export async function deleteOwnPushSubscription({ db, viewer, endpoint }: { db: Db; viewer: Viewer; endpoint: string }): Promise<boolean> {
  const rows = await db
    .delete(notifyChannels)
    .where(and(eq(notifyChannels.url, endpoint), eq(notifyChannels.scheme, "webpush"), eq(notifyChannels.owner, memberKey(viewer.name))))
    .returning({ id: notifyChannels.id });
  return rows.length > 0;
}

export async function deleteChannelById({ db, id }: { db: Db; id: number }): Promise<void> {
  await db.delete(notifyChannels).where(eq(notifyChannels.id, id));
}

/** A recipient's channels: a member's own, or the household's for HOUSEHOLD (owner null). */
export async function listChannelsOf({ db, owner }: { db: Db; owner: string | null }): Promise<NotifyChannelRow[]> {
  return db
    .select()
    .from(notifyChannels)
    .where(owner === null ? isNull(notifyChannels.owner) : eq(notifyChannels.owner, owner))
    .orderBy(notifyChannels.id);
}

/** Makes the household rows match NOTIFY_URLS: new URLs added, removed ones dropped (with their history). */
export async function syncHouseholdChannels({ db, urls }: { db: Db; urls: { scheme: string; url: string }[] }): Promise<void> {
  if (urls.length > 0)
    await db
      .insert(notifyChannels)
      .values(urls.map((u) => ({ owner: null, ...u })))
      .onConflictDoNothing();
  const keep = urls.map((u) => u.url);
  await db.delete(notifyChannels).where(and(isNull(notifyChannels.owner), keep.length > 0 ? notInArray(notifyChannels.url, keep) : undefined));
}

/** One attempt: recorded, and the channel's last result and failure streak updated, in one transaction. */
export async function recordAttempt(input: {
  db: Db;
  channelId: number;
  messageId: number | null;
  ok: boolean;
  error: string | null;
  now: Date;
  failingAfter: number;
}) {
  const { db, channelId, messageId, ok, error, now, failingAfter } = input;
  return db.transaction(async (tx) => {
    await tx.insert(notifyAttempts).values({ channelId, messageId, ok, error, at: now });
    const [row] = await tx
      .update(notifyChannels)
      .set(
        ok
          ? { lastStatus: "delivered", lastError: null, lastAt: now, consecutiveFailures: 0, failingSince: null }
          : {
              lastStatus: "failed",
              lastError: error,
              lastAt: now,
              consecutiveFailures: sql`${notifyChannels.consecutiveFailures} + 1`,
              failingSince: sql`case when ${notifyChannels.consecutiveFailures} + 1 >= ${failingAfter} then coalesce(${notifyChannels.failingSince}, ${now.toISOString()}::timestamptz) else null end`,
            },
      )
      .where(eq(notifyChannels.id, channelId))
      .returning();
    return row ?? null;
  });
}

/** Channels the viewer owns (or, for an admin, the household's) that keep failing: shown in the app. */
export async function listFailingChannelsForViewer({ db, viewer }: { db: Db; viewer: Viewer | null }): Promise<NotifyChannelRow[]> {
  return (await listChannelsForViewer({ db, viewer })).filter((c) => c.failingSince !== null);
}

export async function listDeliveredChannelIds({ db, messageId }: { db: Db; messageId: number }): Promise<number[]> {
  const rows = await db
    .selectDistinct({ channelId: notifyAttempts.channelId })
    .from(notifyAttempts)
    .where(and(eq(notifyAttempts.messageId, messageId), eq(notifyAttempts.ok, true)));
  return rows.map((r) => r.channelId);
}

export async function listAttemptsOfMessages({ db, messageIds }: { db: Db; messageIds: number[] }) {
  if (messageIds.length === 0) return [];
  return db
    .select({
      messageId: notifyAttempts.messageId,
      channelId: notifyAttempts.channelId,
      scheme: notifyChannels.scheme,
      at: notifyAttempts.at,
      ok: notifyAttempts.ok,
      error: notifyAttempts.error,
    })
    .from(notifyAttempts)
    .innerJoin(notifyChannels, eq(notifyChannels.id, notifyAttempts.channelId))
    .where(and(isNotNull(notifyAttempts.messageId), inArray(notifyAttempts.messageId, messageIds)))
    .orderBy(desc(notifyAttempts.id));
}
