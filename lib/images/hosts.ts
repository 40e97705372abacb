import type { Env } from "@/lib/env";

type HostConfig = Pick<Env, "IMAGE_HOSTS" | "JELLYFIN_URL" | "JELLYFIN_PUBLIC_URL" | "JELLYSEERR_URL" | "SONARR_URL" | "RADARR_URL" | "SHOKO_URL">;

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The hosts the image route fetches from: IMAGE_HOSTS (TMDB's image host by default) and the configured
 * services, whose posters and library artwork the household sees. Nothing else: the route is no open proxy.
 * A service's entry carries its port; an IMAGE_HOSTS entry without a port allows any port of that name.
 */
export function imageHostAllowList(config: HostConfig): string[] {
  const services = [config.JELLYFIN_URL, config.JELLYFIN_PUBLIC_URL, config.JELLYSEERR_URL, config.SONARR_URL, config.RADARR_URL, config.SHOKO_URL];
  return [...new Set([...config.IMAGE_HOSTS, ...services.map(hostOf).filter((h): h is string => h !== null)])];
}

export function isAllowedImageUrl(url: URL, allowList: readonly string[]): boolean {
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.username || url.password) return false;
  const host = url.host.toLowerCase();
  const name = url.hostname.toLowerCase();
  return allowList.some((entry) => entry === host || (!entry.includes(":") && entry === name) || (entry.startsWith("[") && entry === host));
}
