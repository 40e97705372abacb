/**
 * Where to go after signing in: only a path on this site, so `?callbackUrl=` can never send someone to
 * another origin (`//evil.example`, `/\evil.example`, `https://…` are all refused).
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\\]/.test(value)) return "/";
  if (value === "/login" || value.startsWith("/login?") || value.startsWith("/api/auth")) return "/";
  return value;
}
