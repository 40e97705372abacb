import { createHash, timingSafeEqual } from "node:crypto";

/**
 * The secret a sender presented: `Authorization: Bearer` (Jellyseerr, Jellyfin), the HTTP Basic password
 * (Sonarr/Radarr's username/password fields), an `X-Webhook-Secret` header, or `?token=` (qBittorrent's curl).
 */
export function presentedSecret(headers: Pick<Headers, "get">, url: string): string | null {
  const authorization = headers.get("authorization")?.trim() ?? "";
  const [scheme, ...rest] = authorization.split(/\s+/);
  const value = rest.join(" ");
  if (scheme?.toLowerCase() === "bearer" && value) return value;
  if (scheme?.toLowerCase() === "basic" && value) {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon >= 0) return decoded.slice(colon + 1);
  }
  const header = headers.get("x-webhook-secret");
  if (header) return header;
  try {
    return new URL(url, "http://localhost").searchParams.get("token");
  } catch {
    return null;
  }
}

/** Constant-time comparison: both sides are hashed first so their lengths never leak either. */
export function secretMatches(presented: string | null, expected: string | undefined): boolean {
  if (!presented || !expected) return false;
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
