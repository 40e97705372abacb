import "server-only";
import { eq, inArray, lt } from "drizzle-orm";
import type { Db } from "../client";
import { authSessions, type AuthSessionRow } from "../schema";

/** Starts a session for someone who just signed in; sessions idle since before `staleBefore` go at the same time. */
export async function insertAuthSession({ db, values, staleBefore }: { db: Db; values: AuthSessionRow; staleBefore: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(authSessions).where(lt(authSessions.lastSeenAt, staleBefore));
    await tx.insert(authSessions).values(values);
  });
}

/** The session with this id, or null. One primary-key read: this runs on every signed-in request. */
export async function findAuthSession({ db, id }: { db: Db; id: string }): Promise<AuthSessionRow | null> {
  const [row] = await db.select().from(authSessions).where(eq(authSessions.id, id)).limit(1);
  return row ?? null;
}

/** Which of these sessions still exist: one read for every open live stream, however many there are. */
export async function listExistingAuthSessionIds({ db, ids }: { db: Db; ids: readonly string[] }): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: authSessions.id })
    .from(authSessions)
    .where(inArray(authSessions.id, [...ids]));
  return rows.map((r) => r.id);
}

/** Marks a session used now (sliding expiry) and, when given, records a freshly read administrator flag. */
export async function touchAuthSession({ db, id, at, idpAdmin }: { db: Db; id: string; at: Date; idpAdmin?: boolean }): Promise<void> {
  const roleChange = idpAdmin === undefined ? {} : { idpAdmin, roleCheckedAt: at };
  await db
    .update(authSessions)
    .set({ lastSeenAt: at, ...roleChange })
    .where(eq(authSessions.id, id));
}

/** Ends one session (sign-out). */
export async function deleteAuthSession({ db, id }: { db: Db; id: string }): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.id, id));
}

/** Ends every session of one person (their account was disabled or removed at the sign-in source). */
export async function deleteAuthSessionsOfUser({ db, userKey }: { db: Db; userKey: string }): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.userKey, userKey));
}
