import "server-only";
import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { upsertMember } from "@/db/queries/notify-members";
import { deleteAuthSession, deleteAuthSessionsOfUser, findAuthSession, insertAuthSession, touchAuthSession } from "@/db/queries/auth-sessions";
import { env } from "@/lib/env";
import { createJellyfinLibrary } from "@/lib/integrations/jellyfin/library";
import { log } from "@/lib/log";
import { viewerFromSession, type SessionUser } from "./session";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Sliding expiry is written at most this often per session, so a busy page does not write on every request. */
const TOUCH_EVERY_MS = 60_000;
/** How often a Jellyfin account's administrator flag is read again: a promotion or demotion applies within this. */
const ROLE_CHECK_EVERY_MS = 60_000;
const JELLYFIN_PREFIX = "jellyfin:";

export type SignedInUser = SessionUser & { id: string };

function idleMs(): number {
  return env().SESSION_IDLE_DAYS * DAY_MS;
}

/**
 * Records a new session for someone who just signed in; its id is what the cookie carries. The person becomes a
 * member notifications can reach from this moment, not only once they open their settings.
 */
export async function startSession(user: SignedInUser, now = new Date()): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  const values = { id, userKey: user.id, name: user.name, idpAdmin: user.idpAdmin, createdAt: now, lastSeenAt: now, roleCheckedAt: now };
  const db = await getDb();
  await insertAuthSession({ db, values, staleBefore: new Date(now.getTime() - idleMs()) });
  const { ADMIN_USERS, USER_ALIASES } = env();
  const viewer = viewerFromSession({ user }, { adminUsers: ADMIN_USERS, aliases: USER_ALIASES });
  if (viewer) await upsertMember({ db, viewer });
  return id;
}

/**
 * What Jellyfin says of this person now: their administrator flag, "gone" when the account was deleted
 * or disabled, null when it cannot be asked (the local admin, no JELLYFIN_API_KEY, Jellyfin not answering:
 * the role stays as it was).
 */
async function roleAtSource(userKey: string): Promise<{ idpAdmin: boolean } | "gone" | null> {
  const { JELLYFIN_URL, JELLYFIN_API_KEY, INTEGRATION_TIMEOUT_MS } = env();
  if (!userKey.startsWith(JELLYFIN_PREFIX) || !JELLYFIN_URL || !JELLYFIN_API_KEY) return null;
  const jellyfin = createJellyfinLibrary({ url: JELLYFIN_URL, apiKey: JELLYFIN_API_KEY, timeoutMs: Math.min(INTEGRATION_TIMEOUT_MS, 2000) });
  try {
    const policy = await jellyfin.userPolicy(userKey.slice(JELLYFIN_PREFIX.length));
    return !policy || policy.isDisabled ? "gone" : { idpAdmin: policy.isAdministrator };
  } catch (error) {
    log.warn("could not re-read a Jellyfin role", { message: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

/**
 * The person behind a session id if the session still exists and has been used within SESSION_IDLE_DAYS;
 * null otherwise (signed out, idle, account gone, or a cookie from before sessions were recorded). Each
 * use slides the expiry. One primary-key read per call; at most once a minute a write and, for a Jellyfin
 * account with JELLYFIN_API_KEY set, a fresh read of its role.
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
  if (now.getTime() - row.roleCheckedAt.getTime() >= ROLE_CHECK_EVERY_MS) {
    const role = await roleAtSource(row.userKey);
    if (role === "gone") {
      await deleteAuthSessionsOfUser({ db, userKey: row.userKey });
      return null;
    }
    const idpAdmin = role?.idpAdmin ?? row.idpAdmin;
    await touchAuthSession({ db, id: sid, at: now, idpAdmin });
    return { name: row.name, idpAdmin };
  }
  if (idle >= TOUCH_EVERY_MS) await touchAuthSession({ db, id: sid, at: now });
  return { name: row.name, idpAdmin: row.idpAdmin };
}

/** Sign-out: the session ends for every copy of its cookie. */
export async function endSession(sid: unknown): Promise<void> {
  if (typeof sid !== "string" || sid.length === 0) return;
  await deleteAuthSession({ db: await getDb(), id: sid });
}
