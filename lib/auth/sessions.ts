import "server-only";
import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { deleteAuthSession, findAuthSession, insertAuthSession, touchAuthSession } from "@/db/queries/auth-sessions";
import { env } from "@/lib/env";
import type { SessionUser } from "./session";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Sliding expiry is written at most this often per session, so a busy page does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export type SignedInUser = SessionUser & { id: string };

function idleMs(): number {
  return env().SESSION_IDLE_DAYS * DAY_MS;
}

/** Records a new session for someone who just signed in; its id is what the cookie carries. */
export async function startSession(user: SignedInUser, now = new Date()): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  const values = { id, userKey: user.id, name: user.name, idpAdmin: user.idpAdmin };
  await insertAuthSession({ db: await getDb(), values, staleBefore: new Date(now.getTime() - idleMs()) });
  return id;
}

/**
 * The person behind a session id if the session still exists and has been used within SESSION_IDLE_DAYS;
 * null otherwise (signed out, idle, or a cookie from before sessions were recorded). Each use slides the
 * expiry. One primary-key read per call; a write at most once a minute.
 */
export async function liveSession(sid: unknown, now = new Date()): Promise<SessionUser | null> {
  if (typeof sid !== "string" || sid.length === 0 || sid.length > 100) return null;
  const db = await getDb();
  const row = await findAuthSession({ db, id: sid });
  if (!row) return null;
  const idle = now.getTime() - row.lastSeenAt.getTime();
  if (idle > idleMs()) {
    await deleteAuthSession({ db, id: sid });
    return null;
  }
  if (idle >= TOUCH_EVERY_MS) await touchAuthSession({ db, id: sid, at: now });
  return { name: row.name, idpAdmin: row.idpAdmin };
}

/** Sign-out: the session ends for every copy of its cookie. */
export async function endSession(sid: unknown): Promise<void> {
  if (typeof sid !== "string" || sid.length === 0) return;
  await deleteAuthSession({ db: await getDb(), id: sid });
}
