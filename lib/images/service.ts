import "server-only";
import path from "node:path";
import { safeImageUrl } from "@/lib/domain/image-url";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { ImageVariant } from "@/lib/portal/image-src";
import { ImageDiskCache } from "./disk-cache";
import { fetchImageSource } from "./fetch-source";
import { imageHostAllowList } from "./hosts";
import { placeholderSvg } from "./placeholder";
import { formatType, pickFormat, renderImage } from "./render";
import { taskSlots } from "./slots";

export type ImageQuery = {
  variant: ImageVariant;
  src: string | null;
  itemId: string | null;
  title: string;
  mediaType: "movie" | "tv";
  accept: string | null;
};

export type ImageAnswer = { body: Buffer | string; contentType: string; artwork: boolean };

/** One place to fetch from: the URL, what to send with it, and whether it stands in for a backdrop (blurred). */
type Candidate = { url: URL; headers: Record<string, string>; blur: boolean };

const MAX_SOURCE_BYTES = 15 * 1024 * 1024;
const MAX_IMAGE_TIMEOUT_MS = 8000;
/** After a host failed to answer, further images from it go straight to the placeholder for this long. */
const HOST_DOWN_MS = 30_000;

const cacheKey = Symbol.for("status-tracker.image-cache");
type Shared = { [cacheKey]?: ImageDiskCache };

function diskCache(): ImageDiskCache {
  const g = globalThis as Shared;
  g[cacheKey] ??= new ImageDiskCache(path.resolve(env().DATA_DIR, "image-cache"), env().IMAGE_CACHE_MB * 1024 * 1024);
  return g[cacheKey];
}

/**
 * Resizes at a time. sharp runs each on libuv's thread pool (four threads by default), which the spool's fdatasync,
 * file reads and DNS lookups share: a page of new posters on a phone must not hold up a webhook being spooled. Each
 * resize already uses every core through libvips' own threads, so two at a time lose nothing on a small machine.
 */
const renders = taskSlots(2);

const hostDownUntil = new Map<string, number>();
const inFlight = new Map<string, Promise<Buffer | null>>();

/** Jellyfin's own artwork for a library item first, then the upstream poster. */
function candidates(q: ImageQuery): Candidate[] {
  const e = env();
  const list: Candidate[] = [];
  if (q.itemId && e.JELLYFIN_URL) {
    const base = e.JELLYFIN_URL.replace(/\/+$/, "");
    const headers: Record<string, string> = e.JELLYFIN_API_KEY ? { "X-Emby-Token": e.JELLYFIN_API_KEY } : {};
    const item = encodeURIComponent(q.itemId);
    if (q.variant === "backdrop") list.push({ url: new URL(`${base}/Items/${item}/Images/Backdrop/0`), headers, blur: false });
    list.push({ url: new URL(`${base}/Items/${item}/Images/Primary`), headers, blur: q.variant === "backdrop" });
  }
  const safe = safeImageUrl(q.src);
  if (safe) list.push({ url: new URL(safe), headers: {}, blur: q.variant === "backdrop" });
  return list;
}

async function fetchAndRender(candidate: Candidate, q: ImageQuery, format: ReturnType<typeof pickFormat>): Promise<Buffer | null> {
  const host = candidate.url.host;
  if ((hostDownUntil.get(host) ?? 0) > Date.now()) return null;
  const e = env();
  const fetched = await fetchImageSource(
    candidate.url,
    {
      allowList: imageHostAllowList(e),
      timeoutMs: Math.min(e.INTEGRATION_TIMEOUT_MS, MAX_IMAGE_TIMEOUT_MS),
      maxBytes: MAX_SOURCE_BYTES,
      maxRedirects: 3,
    },
    candidate.headers,
  );
  if (!fetched.ok) {
    if (fetched.reason === "unreachable") hostDownUntil.set(host, Date.now() + HOST_DOWN_MS);
    log.debug("image source unavailable", { host, reason: fetched.reason, detail: fetched.detail });
    return null;
  }
  try {
    return await renders.run(() => renderImage(fetched.bytes, { variant: q.variant, format, blur: candidate.blur }));
  } catch (error) {
    log.debug("image could not be decoded", { host, message: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

/**
 * The picture for one view: from the disk cache when it was seen before (so a LAN without internet still shows
 * it), else fetched from an allow-listed host, resized and cached; else the designed placeholder. Never fails.
 */
export async function loadImage(q: ImageQuery): Promise<ImageAnswer> {
  const format = pickFormat(q.accept);
  const cache = diskCache();
  for (const candidate of candidates(q)) {
    const key = ImageDiskCache.key([candidate.url.href, q.variant, format, candidate.blur ? "blur" : ""]);
    const cached = await cache.get(key).catch(() => null);
    if (cached) return { body: cached, contentType: formatType[format], artwork: true };
    // Many cards asking for one picture at once share one fetch, one resize and one cache write.
    let pending = inFlight.get(key);
    if (!pending) {
      pending = fetchAndRender(candidate, q, format)
        .then(async (rendered) => {
          if (rendered) await cache.put(key, rendered).catch((error: unknown) => log.warn("image cache write failed", { message: String(error) }));
          return rendered;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    const rendered = await pending;
    if (rendered) return { body: rendered, contentType: formatType[format], artwork: true };
  }
  return { body: placeholderSvg(q), contentType: "image/svg+xml", artwork: false };
}
