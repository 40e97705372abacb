import "server-only";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { overHttps } from "./config";
import { authSecret } from "./secret";
import { viewerFromSession, type Viewer } from "./session";
import { decodeSessionToken } from "./session-token";
import { liveSession } from "./sessions";

/**
 * The signed-in person from the request's session cookie: one decrypt with a cached key, then the session's row (signed
 * out, idle and revoked sessions are not live), and no cookie written back. The proxy checks every request with it,
 * and the live stream once per connection. Throws when the session store cannot be read.
 */
export async function viewerFromRequest(request: Request): Promise<Viewer | null> {
  const secret = authSecret();
  if (!secret) return null;
  const token = await getToken({ req: request, secret, secureCookie: overHttps(request), decode: decodeSessionToken });
  const user = token ? await liveSession(token.sid) : null;
  const { ADMIN_USERS, USER_ALIASES } = env();
  return viewerFromSession(user ? { user } : null, { adminUsers: ADMIN_USERS, aliases: USER_ALIASES });
}

export async function requireRequestViewer(request: Request): Promise<Viewer> {
  const viewer = await viewerFromRequest(request);
  if (!viewer) throw new AppError("unauthorized", "Sign in first");
  return viewer;
}
