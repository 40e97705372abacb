import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Viewer } from "@/lib/auth/session";
import type { Db } from "../client";
import { notifyFollows } from "../schema";
import { memberKey } from "./notify-members";

export async function followRequest({ db, viewer, requestId }: { db: Db; viewer: Viewer; requestId: number }): Promise<void> {
  await db
    .insert(notifyFollows)
    .values({ member: memberKey(viewer.name), requestId })
    .onConflictDoNothing();
}

export async function unfollowRequest({ db, viewer, requestId }: { db: Db; viewer: Viewer; requestId: number }): Promise<void> {
  await db.delete(notifyFollows).where(and(eq(notifyFollows.member, memberKey(viewer.name)), eq(notifyFollows.requestId, requestId)));
}

export async function isFollowing({ db, viewer, requestId }: { db: Db; viewer: Viewer | null; requestId: number }): Promise<boolean> {
  if (!viewer) return false;
  const rows = await db
    .select()
    .from(notifyFollows)
    .where(and(eq(notifyFollows.member, memberKey(viewer.name)), eq(notifyFollows.requestId, requestId)));
  return rows.length > 0;
}

/** Followers per request id. */
export async function listFollowers({ db, requestIds }: { db: Db; requestIds: number[] }): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (requestIds.length === 0) return out;
  for (const row of await db.select().from(notifyFollows).where(inArray(notifyFollows.requestId, requestIds))) {
    out.set(row.requestId, [...(out.get(row.requestId) ?? []), row.member]);
  }
  return out;
}
