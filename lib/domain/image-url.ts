/**
 * The one rule for poster and backdrop URLs from upstream services, applied where they enter (the
 * integrations' map.ts) and again where they are shown: an absolute http(s) URL on a named host, with no
 * credentials in it and no API path. A poster is fetched by every member's browser with their cookies,
 * so a URL pointing at an API (this tracker's `/api/...` above all) must never become an image source.
 */
const MAX_LENGTH = 2048;

export function safeImageUrl(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (text.length === 0 || text.length > MAX_LENGTH || /[\u0000-\u0020\u007f\\]/.test(text)) return null;
  if (!/^https?:\/\/[^/]/i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname || url.username || url.password) return null;
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (/^\/+api(\/|$)/i.test(path.replace(/\/\.(?=\/)/g, ""))) return null;
  return url.href;
}
