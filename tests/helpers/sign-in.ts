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
 * Signs in over HTTP as a browser would (csrf token, then the credentials callback, with the Origin a
 * browser sends). Returns the full Set-Cookie line of the session, or "" when sign-in failed.
 */
export async function signInOverHttp(baseURL: string, username: string, password: string, extra: Record<string, string> = {}): Promise<string> {
  const headers = { origin: new URL(baseURL).origin, ...extra };
  const csrf = await fetch(`${baseURL}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, cookie: cookiePairs(csrf).join("; "), "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
    body: new URLSearchParams({ username, password, csrfToken, callbackUrl: "/" }),
  });
  return response.headers.getSetCookie().find((c) => c.includes("session-token=")) ?? "";
}
