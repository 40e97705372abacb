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
export async function sessionCookie(username: string, password: string, ip: string): Promise<string> {
  const headers = { "x-forwarded-for": ip };
  const csrf = await fetch(`${e2e.baseURL}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiePairs(csrf);
  const response = await fetch(`${e2e.baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, cookie: jar.join("; "), "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
    body: new URLSearchParams({ username, password, csrfToken, callbackUrl: "/" }),
  });
  const session = cookiePairs(response).find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in as ${username} failed with ${response.status}: ${await response.text()}`);
  return session;
}
