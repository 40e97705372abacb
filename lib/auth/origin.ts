import { env } from "@/lib/env";

/**
 * This app's own origin as the browser sees it: AUTH_URL when set (the public address behind a reverse
 * proxy), else the Host the request came in on (X-Forwarded-Host first: Next sets it from Host, a proxy
 * from what the browser asked for) with the scheme from X-Forwarded-Proto.
 */
export function ownOrigin(request: Request): string {
  const configured = env().AUTH_URL;
  if (configured) return new URL(configured).origin;
  const url = new URL(request.url);
  const first = (name: string) => request.headers.get(name)?.split(",")[0]?.trim() || null;
  const host = first("x-forwarded-host") ?? first("host") ?? url.host;
  const proto = first("x-forwarded-proto") ?? url.protocol.replace(/:$/, "");
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return url.origin;
  }
}

/**
 * Whether a state-changing request comes from one of this app's own pages. Browsers say so in
 * Sec-Fetch-Site (`same-origin`, or `none` for a typed address or bookmark); without it the Origin header
 * must be this app's origin. A request with neither is refused: every browser that can carry our cookie
 * sends at least one of them on a POST. Another port or a sibling subdomain is another origin (a
 * SameSite=Lax cookie still rides along from there, which is why this check exists).
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (site) return site === "same-origin" || site === "none";
  const origin = request.headers.get("origin")?.trim();
  if (!origin || origin === "null") return false;
  try {
    return new URL(origin).origin === ownOrigin(request);
  } catch {
    return false;
  }
}
