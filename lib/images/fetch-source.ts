import "server-only";
import { isAllowedImageUrl } from "./hosts";

export type FetchLimits = { allowList: readonly string[]; timeoutMs: number; maxBytes: number; maxRedirects: number };

export type FetchOutcome =
  | { ok: true; bytes: Buffer }
  /** `unreachable`: the host did not answer (refused, timed out); `missing`: it answered without a usable image. */
  | { ok: false; reason: "unreachable" | "missing" | "refused"; detail: string };

async function readCapped(response: Response, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return null;
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Fetches one image from an allow-listed host: every redirect is followed by hand and must stay on the list,
 * the whole exchange has one deadline and the body a size cap, and only an image/* answer counts.
 */
export async function fetchImageSource(source: URL, limits: FetchLimits, headers: Record<string, string> = {}): Promise<FetchOutcome> {
  let url = source;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  for (let hop = 0; hop <= limits.maxRedirects; hop++) {
    if (!isAllowedImageUrl(url, limits.allowList)) return { ok: false, reason: "refused", detail: `${url.host} is not an image host` };
    let response: Response;
    try {
      // Credentials only go to the host they were meant for (the first one, which the caller chose).
      response = await fetch(url, { redirect: "manual", signal, headers: hop === 0 ? headers : {}, cache: "no-store" });
    } catch (error) {
      return { ok: false, reason: "unreachable", detail: error instanceof Error ? error.message : String(error) };
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get("location");
      await response.body?.cancel();
      if (!location) return { ok: false, reason: "missing", detail: `redirect without a location from ${url.host}` };
      url = new URL(location, url);
      continue;
    }
    const type = response.headers.get("content-type") ?? "";
    if (!response.ok || !/^image\//i.test(type)) {
      await response.body?.cancel();
      return { ok: false, reason: "missing", detail: `${response.status} ${type}`.trim() };
    }
    try {
      const bytes = await readCapped(response, limits.maxBytes);
      if (!bytes) return { ok: false, reason: "missing", detail: "larger than the image size limit" };
      return { ok: true, bytes };
    } catch (error) {
      return { ok: false, reason: "unreachable", detail: error instanceof Error ? error.message : String(error) };
    }
  }
  return { ok: false, reason: "missing", detail: "too many redirects" };
}
