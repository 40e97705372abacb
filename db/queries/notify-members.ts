import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Viewer } from "@/lib/auth/session";
import type { Db } from "../client";
import { notifyMembers, type NotifyMemberRow } from "../schema";

export const memberKey = (name: string) => name.trim().toLowerCase();

/** Records the viewer as a member notifications can reach (their role as of now). */
export async function upsertMember({ db, viewer }: { db: Db; viewer: Viewer }): Promise<NotifyMemberRow> {
  const [row] = await db
    .insert(notifyMembers)
    .values({ nameKey: memberKey(viewer.name), displayName: viewer.name, role: viewer.role })
    .onConflictDoUpdate({ target: notifyMembers.nameKey, set: { displayName: viewer.name, role: viewer.role, seenAt: sql`now()` } })
    .returning();
  return row!;
}

export async function listMembers({ db }: { db: Db }): Promise<NotifyMemberRow[]> {
  return db.select().from(notifyMembers);
}

export async function updateQuietHours(input: { db: Db; viewer: Viewer; timeZone: string; quietStart: number | null; quietEnd: number | null }) {
  const { db, viewer, timeZone, quietStart, quietEnd } = input;
  await upsertMember({ db, viewer });
  await db
    .update(notifyMembers)
    .set({ timeZone, quietStart, quietEnd })
    .where(eq(notifyMembers.nameKey, memberKey(viewer.name)));
}

/** The time zone a member set on the Notifications page, or null when they never did. */
export async function findMemberTimeZone({ db, name }: { db: Db; name: string }): Promise<string | null> {
  const rows = await db
    .select({ timeZone: notifyMembers.timeZone })
    .from(notifyMembers)
    .where(eq(notifyMembers.nameKey, memberKey(name)))
    .limit(1);
  return rows[0]?.timeZone ?? null;
}
