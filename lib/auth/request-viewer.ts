import "server-only";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { overHttps } from "./config";
import { authSecret } from "./secret";
import { decodeSessionToken } from "./session-token";
import { viewerFromSession, type Viewer } from "./session";

/**
 * The signed-in person from the request's session cookie alone: one decrypt with a cached key, and no cookie written
 * back. The proxy checks every request with it, and the live stream once per connection.
 */
export async function viewerFromRequest(request: Request): Promise<Viewer | null> {
  const secret = authSecret();
  if (!secret) return null;
  const token = await getToken({ req: request, secret, secureCookie: overHttps(request), decode: decodeSessionToken });
  const session = token ? { user: { name: token.name, idpAdmin: token.idpAdmin === true } } : null;
  const { ADMIN_USERS, USER_ALIASES } = env();
  return viewerFromSession(session, { adminUsers: ADMIN_USERS, aliases: USER_ALIASES });
}

export async function requireRequestViewer(request: Request): Promise<Viewer> {
  const viewer = await viewerFromRequest(request);
  if (!viewer) throw new AppError("unauthorized", "Sign in first");
  return viewer;
}
