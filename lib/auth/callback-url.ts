const BASE = "http://callback.invalid";

/**
 * A path on this site, so a redirect target (`?callbackUrl=`) can never send someone to another origin.
 * The value is resolved as a browser would resolve it (dot segments, backslashes), then repeated slashes
 * are collapsed, so `/.//evil.example`, `/a/..//evil.example`, `/\evil.example`,
 * `\\evil.example` and `https://…` all end on this site or at `/`. Encoded slashes, backslashes and
 * control characters in the path are refused outright: some server along the way might decode them.
 */
export function sameSitePath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000) return "/";
  if (!value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  const pathPart = value.split(/[?#]/, 1)[0] ?? "";
  if (/%(2f|5c|[01][0-9a-f]|7f)/i.test(pathPart)) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  return `${url.pathname.replace(/\/{2,}/g, "/")}${url.search}${url.hash}`;
}

/** A same-site path to go to after signing in; never back to sign-in or into Auth.js itself. */
export function safeCallbackPath(value: unknown): string {
  const path = sameSitePath(value);
  const pathname = path.split(/[?#]/, 1)[0] ?? "/";
  return pathname === "/login" || pathname === "/api/auth" || pathname.startsWith("/api/auth/") ? "/" : path;
}
