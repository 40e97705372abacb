import { env } from "@/lib/env";

/**
 * Whether a state-changing browser request comes from the portal itself. `Sec-Fetch-Site: same-origin` (or
 * `none`: typed into the address bar) is trusted; otherwise the `Origin` header must equal the app's own origin
 * (AUTH_URL when set, else the request's). A request with neither header is refused: every browser that would
 * send the session cookie sends one of them. Bearer-token calls are not browser requests and skip this check.
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site === "same-origin" || site === "none") return true;
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  return origin === ownOrigin(request);
}

function ownOrigin(request: Request): string {
  const configured = env().AUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // An unparsable AUTH_URL is reported by Auth.js itself; fall back to the request's origin.
    }
  }
  const url = new URL(request.url);
  const host = request.headers.get("host");
  return host ? `${url.protocol}//${host}` : url.origin;
}
