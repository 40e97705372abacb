import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImageDiskCache } from "@/lib/images/disk-cache";
import { fetchImageSource, type FetchLimits } from "@/lib/images/fetch-source";
import { imageHostAllowList, isAllowedImageUrl } from "@/lib/images/hosts";
import { placeholderSvg, titleInitial } from "@/lib/images/placeholder";
import { pickFormat, renderImage } from "@/lib/images/render";
import { imageSrc } from "@/lib/portal/image-src";

let server: Server;
let base: string;
let poster: Buffer;
const hits: string[] = [];

beforeAll(async () => {
  poster = await sharp({ create: { width: 300, height: 450, channels: 3, background: "#3366aa" } })
    .png()
    .toBuffer();
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url === "/poster.png") res.writeHead(200, { "content-type": "image/png" }).end(poster);
    else if (req.url === "/hop") res.writeHead(302, { location: "/poster.png" }).end();
    else if (req.url === "/away") res.writeHead(302, { location: "http://elsewhere.example/p.png" }).end();
    else if (req.url === "/html") res.writeHead(200, { "content-type": "text/html" }).end("<h1>not an image</h1>");
    else if (req.url === "/huge") res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(64 * 1024));
    else if (req.url === "/slow") setTimeout(() => res.writeHead(200, { "content-type": "image/png" }).end(poster), 2000);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const limits = (over: Partial<FetchLimits> = {}): FetchLimits => ({
  allowList: [new URL(base).host],
  timeoutMs: 1000,
  maxBytes: 32 * 1024,
  maxRedirects: 3,
  ...over,
});

describe("image hosts", () => {
  const config = {
    IMAGE_HOSTS: ["image.tmdb.org"],
    JELLYFIN_URL: "http://192.168.1.5:8096",
    JELLYFIN_PUBLIC_URL: undefined,
    JELLYSEERR_URL: "https://requests.home.example",
    SONARR_URL: undefined,
    RADARR_URL: "http://radarr:7878/",
    SHOKO_URL: undefined,
  };

  it("allows TMDB and the configured services, each service on its own port only", () => {
    const list = imageHostAllowList(config);
    const table: [string, boolean][] = [
      ["https://image.tmdb.org/t/p/w500/a.jpg", true],
      ["http://image.tmdb.org:8080/t/p/w500/a.jpg", true],
      ["http://192.168.1.5:8096/Items/1/Images/Primary", true],
      ["http://192.168.1.5:22/anything", false],
      ["https://requests.home.example/imageproxy/x.jpg", true],
      ["http://radarr:7878/MediaCover/1/poster.jpg", true],
      ["http://evil.example/p.jpg", false],
      ["http://image.tmdb.org.evil.example/p.jpg", false],
      ["http://user:pw@image.tmdb.org/p.jpg", false],
      ["ftp://image.tmdb.org/p.jpg", false],
    ];
    for (const [url, allowed] of table) expect(isAllowedImageUrl(new URL(url), list), url).toBe(allowed);
  });
});

describe("fetching an image source", () => {
  it("fetches an image from an allow-listed host", async () => {
    const got = await fetchImageSource(new URL(`${base}/poster.png`), limits());
    expect(got.ok && got.bytes.equals(poster)).toBe(true);
  });

  it("follows a redirect that stays on the list and refuses one that leaves it", async () => {
    expect((await fetchImageSource(new URL(`${base}/hop`), limits())).ok).toBe(true);
    const away = await fetchImageSource(new URL(`${base}/away`), limits());
    expect(away).toMatchObject({ ok: false, reason: "refused" });
  });

  it("refuses a host off the list without contacting it", async () => {
    const before = hits.length;
    const got = await fetchImageSource(new URL(`${base}/poster.png`), limits({ allowList: ["image.tmdb.org"] }));
    expect(got).toMatchObject({ ok: false, reason: "refused" });
    expect(hits.length).toBe(before);
  });

  it("takes only images, within the size limit and the deadline", async () => {
    expect(await fetchImageSource(new URL(`${base}/html`), limits())).toMatchObject({ ok: false, reason: "missing" });
    expect(await fetchImageSource(new URL(`${base}/huge`), limits())).toMatchObject({ ok: false, reason: "missing" });
    expect(await fetchImageSource(new URL(`${base}/slow`), limits({ timeoutMs: 200 }))).toMatchObject({ ok: false, reason: "unreachable" });
  });

  it("calls a host that refuses connections unreachable", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const got = await fetchImageSource(new URL(`http://127.0.0.1:${port}/p.png`), limits({ allowList: [`127.0.0.1:${port}`] }));
    expect(got).toMatchObject({ ok: false, reason: "unreachable" });
  });
});

describe("rendering", () => {
  it("resizes to the view's frame in the format the browser takes", async () => {
    const table: [string | null, "avif" | "webp" | "jpeg"][] = [
      ["image/avif,image/webp,image/apng,*/*", "webp"],
      ["image/avif,*/*", "avif"],
      ["image/webp,*/*", "webp"],
      ["*/*", "jpeg"],
      [null, "jpeg"],
    ];
    for (const [accept, format] of table) expect(pickFormat(accept), String(accept)).toBe(format);
    const card = await sharp(await renderImage(poster, { variant: "card", format: "webp", blur: false })).metadata();
    expect([card.format, card.width, card.height]).toEqual(["webp", 400, 600]);
    const backdrop = await sharp(await renderImage(poster, { variant: "backdrop", format: "avif", blur: true })).metadata();
    expect([backdrop.format, backdrop.width, backdrop.height]).toEqual(["heif", 1280, 720]);
  });

  it("refuses bytes that are no image", async () => {
    await expect(renderImage(Buffer.from("<svg onload=alert(1)>"), { variant: "thumb", format: "webp", blur: false })).rejects.toThrow();
  });
});

describe("the placeholder", () => {
  it("shows the title's initial, skipping articles and punctuation", () => {
    const table: [string, string][] = [
      ["The Matrix", "M"],
      ["andor", "A"],
      ["'71", "7"],
      ["Ōkami", "Ō"],
      ["", "?"],
      ["The", "T"],
    ];
    for (const [title, initial] of table) expect(titleInitial(title), title).toBe(initial);
  });

  it("is an SVG of the view's size with the title escaped and the media type named", () => {
    const svg = placeholderSvg({ variant: "card", title: "<script>", mediaType: "tv" });
    expect(svg).toMatch(/^<svg[^>]* width="400" height="600"/);
    expect(svg).not.toContain("<script>");
    expect(svg).toMatch(/>S<\/text>/);
    expect(svg).toContain("SERIES");
  });

  it("is what every poster on a page points at when there is no poster URL", () => {
    expect(imageSrc("thumb", { url: null, title: "Andor", mediaType: "tv" })).toBe("/api/images/thumb?type=tv&title=Andor");
  });
});

describe("the disk cache", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "image-cache-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("evicts the least recently used past its size limit, and remembers across a restart", async () => {
    const cache = new ImageDiskCache(dir, 3000);
    const keys = ["a", "b", "c", "d"].map((k) => ImageDiskCache.key([k]));
    const [a, b, c, d] = keys as [string, string, string, string];
    await cache.put(a, Buffer.alloc(1000, 1));
    await cache.put(b, Buffer.alloc(1000, 2));
    await cache.put(c, Buffer.alloc(1000, 3));
    expect(await cache.get(a)).not.toBeNull(); // a is now the most recent; b the least
    await cache.put(d, Buffer.alloc(1000, 4));
    expect(await cache.get(b)).toBeNull();
    expect((await cache.get(a))?.[0]).toBe(1);
    expect(await cache.size()).toBe(3000);
    expect(readdirSync(dir).sort()).toEqual([a, c, d].sort());

    const restarted = new ImageDiskCache(dir, 3000);
    expect((await restarted.get(d))?.[0]).toBe(4);
    expect(await restarted.size()).toBe(3000);
  });
});
