import { e2e } from "./env";

/** `name=value` pairs from Set-Cookie headers; a later cookie of the same name wins, as in a browser. */
function cookiePairs(response: Response): string[] {
  const jar = new Map<string, string>();
  for (const cookie of response.headers.getSetCookie()) {
    const pair = cookie.split(";")[0] ?? "";
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq), pair);
  }
  return [...jar.values()];
}

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
  const headers = { "x-forwarded-for": ip, ...extra };
  const csrf = await fetch(`${e2e.baseURL}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${e2e.baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, cookie: cookiePairs(csrf).join("; "), "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
    body: new URLSearchParams({ username, password, csrfToken, callbackUrl: "/" }),
  });
  return response.headers.getSetCookie().find((c) => c.includes("session-token=")) ?? "";
}
