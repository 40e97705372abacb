import "server-only";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { overHttps } from "./config";
import { authSecret } from "./secret";
import { type SessionUser, viewerFromSession, type Viewer } from "./session";
import { decodeSessionToken } from "./session-token";
import { liveSession } from "./sessions";

type HasHeaders = Pick<Request, "headers">;

/** The session id the request's cookie names, once it decrypts and verifies (a forged or expired cookie is null). */
async function sessionIdFromRequest(request: HasHeaders): Promise<string | null> {
  const secret = authSecret();
  if (!secret) return null;
  const token = await getToken({ req: request, secret, secureCookie: overHttps(request), decode: decodeSessionToken });
  const sid = token?.sid;
  return typeof sid === "string" && sid.length > 0 ? sid : null;
}

function toViewer(user: SessionUser | null): Viewer | null {
  const { ADMIN_USERS, USER_ALIASES } = env();
  return viewerFromSession(user ? { user } : null, { adminUsers: ADMIN_USERS, aliases: USER_ALIASES });
}

/**
 * The signed-in person from the request's session cookie: one decrypt with a cached key, then the session's row (signed
 * out, idle and revoked sessions are not live), and no cookie written back. The proxy checks every request with it.
 * Throws when the session store cannot be read.
 */
export async function viewerFromRequest(request: HasHeaders): Promise<Viewer | null> {
  const sid = await sessionIdFromRequest(request);
  return toViewer(sid ? await liveSession(sid) : null);
}

/**
 * How long a live stream's connect may reuse a session row read for another connect. Every connect still decrypts
 * and verifies its own cookie; only the row is shared, so a page with many tabs, or many clients reconnecting at once
 * after a restart, costs one read per session rather than one per connection. A session ended meanwhile can open a
 * stream only within this window, and the hub's session sweep closes it (see lib/live/hub.ts).
 */
const STREAM_SESSION_TTL_MS = 5_000;
const STREAM_SESSION_MAX = 1_000;
type CachedSession = { at: number; user: Promise<SessionUser | null> };
type Holder = { __statusTrackerStreamSessions?: Map<string, CachedSession> };
const holder = globalThis as typeof globalThis & Holder;
/** On globalThis, as the hub is: Next may load this module more than once, and a sweep must clear the one in use. */
holder.__statusTrackerStreamSessions ??= new Map();
const streamSessions = holder.__statusTrackerStreamSessions;

function cachedLiveSession(sid: string, now: number): Promise<SessionUser | null> {
  const known = streamSessions.get(sid);
  if (known && now - known.at < STREAM_SESSION_TTL_MS) return known.user;
  if (streamSessions.size >= STREAM_SESSION_MAX) {
    for (const [id, entry] of streamSessions) if (now - entry.at >= STREAM_SESSION_TTL_MS) streamSessions.delete(id);
    if (streamSessions.size >= STREAM_SESSION_MAX) streamSessions.clear();
  }
  const user = liveSession(sid);
  const entry = { at: now, user };
  streamSessions.set(sid, entry);
  // A failed read is not remembered: the next connect asks again.
  user.catch(() => {
    if (streamSessions.get(sid) === entry) streamSessions.delete(sid);
  });
  return user;
}

/** Drops a session from the live stream's connect cache, as soon as it is known to have ended. */
export function forgetStreamSession(sid: string): void {
  streamSessions.delete(sid);
}

/** The viewer of a live stream, checked once when it connects, and the session it runs under (swept while it is open). */
export async function requireStreamViewer(request: HasHeaders): Promise<{ viewer: Viewer; sid: string }> {
  const sid = await sessionIdFromRequest(request);
  const viewer = sid ? toViewer(await cachedLiveSession(sid, Date.now())) : null;
  if (!sid || !viewer) throw new AppError("unauthorized", "Sign in first");
  return { viewer, sid };
}
