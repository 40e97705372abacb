import { signInOverHttp } from "../helpers/sign-in";
import { e2e } from "./env";

/**
 * Signs in over HTTP as a browser would (csrf token, then the credentials callback) and returns the Cookie
 * header of the session. Each caller passes its own address so rate limits of other tests never interfere.
 */
export async function sessionCookie(username: string, password: string, ip: string, extra: Record<string, string> = {}): Promise<string> {
  const line = await sessionSetCookie(username, password, ip, extra);
  if (!line) throw new Error(`sign-in as ${username} failed`);
  return line.split(";")[0] ?? "";
}

/** The full Set-Cookie line of the session, for checking its attributes. */
export async function sessionSetCookie(username: string, password: string, ip: string, extra: Record<string, string> = {}): Promise<string> {
  return signInOverHttp(e2e.baseURL, username, password, { "x-forwarded-for": ip, ...extra });
}
