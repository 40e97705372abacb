import type { Viewer } from "./session";

/** What the proxy does with a request before any route sees it. */
export type GateDecision = "allow" | "login" | "unauthorized" | "forbidden";

export type GateInput = { pathname: string; viewer: Viewer | null; hasBearer: boolean };

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Decoded and with repeated slashes collapsed, so `/%61dmin` or `//admin` cannot slip past a prefix. */
export function normalisePath(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // A malformed escape stays as it is; it will not match any route either.
  }
  const collapsed = decoded.replace(/\/{2,}/g, "/");
  return collapsed.length > 1 ? collapsed.replace(/\/$/, "") : collapsed;
}

/**
 * Open to everyone at the proxy: the sign-in page and Auth.js itself; machine routes that carry their own
 * credential (webhooks: the webhook secret; Inngest: its signing key) or show nothing private (health).
 */
const openPrefixes = ["/login", "/api/auth", "/api/webhooks", "/api/inngest", "/api/health"];
/**
 * The web manifest and app icons: browsers fetch a manifest without cookies, so installing the portal on a
 * phone needs them open; the service worker and its offline page must load without a session too. They hold
 * nothing private.
 */
const publicFiles = [
  "/sw.js",
  "/offline.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/icon-192.png",
  "/icon-512.png",
  "/icon-maskable-512.png",
  "/apple-touch-icon.png",
];
/** The read API (and the actions under it) also takes `Authorization: Bearer <token>`; the route checks the token. */
const tokenPrefixes = ["/api/requests", "/api/summary", "/api/openapi.json"];
const adminPrefixes = ["/admin", "/api/admin"];

/** Paths anyone may reach: the proxy need not look the session up for them. */
export function isOpenPath(pathname: string): boolean {
  const path = normalisePath(pathname);
  return openPrefixes.some((p) => under(path, p)) || publicFiles.includes(path);
}

export function gate({ pathname, viewer, hasBearer }: GateInput): GateDecision {
  const path = normalisePath(pathname);
  if (isOpenPath(path)) return "allow";
  if (!viewer) {
    if (hasBearer && tokenPrefixes.some((p) => under(path, p))) return "allow";
    return under(path, "/api") ? "unauthorized" : "login";
  }
  if (adminPrefixes.some((p) => under(path, p)) && viewer.role !== "admin") return "forbidden";
  return "allow";
}
