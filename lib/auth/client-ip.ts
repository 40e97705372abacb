/**
 * The client's address for rate limiting. Next puts the socket address in X-Forwarded-For when no proxy
 * did; a reverse proxy appends the address it saw, so the last entry is the one to trust. Directly
 * exposed, a client can set the header itself: the per-username limit still holds then.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
  return last ?? headers.get("x-real-ip")?.trim() ?? "unknown";
}

export type LimiterKeys = { ip: string; user: string; all: [string, string] };

export function limiterKeys(ip: string, username: string): LimiterKeys {
  const keys = { ip: `ip:${ip}`, user: `user:${username.trim().toLowerCase()}` };
  return { ...keys, all: [keys.ip, keys.user] };
}
