import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The service reads its configuration once: set before it is imported.
const dataDir = mkdtempSync(path.join(tmpdir(), "image-service-"));
let tmdb: Server;
let jellyfin: Server;
let tmdbBase: string;
const seen: string[] = [];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const png = (color: string) =>
    sharp({ create: { width: 200, height: 300, channels: 3, background: color } })
      .png()
      .toBuffer();
  const posterBytes = await png("#aa3333");
  const libraryBytes = await png("#33aa33");
  tmdb = createServer((req, res) => {
    seen.push(`tmdb ${req.url}`);
    if (req.url === "/t/p/poster.png") res.writeHead(200, { "content-type": "image/png" }).end(posterBytes);
    else res.writeHead(404).end();
  });
  jellyfin = createServer((req, res) => {
    seen.push(`jellyfin ${req.url} ${req.headers["x-emby-token"] ?? ""}`);
    if (req.url === "/Items/abc123/Images/Primary") res.writeHead(200, { "content-type": "image/png" }).end(libraryBytes);
    else res.writeHead(404).end();
  });
  tmdbBase = `http://${await listen(tmdb)}`;
  const jellyfinHost = await listen(jellyfin);
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    IMAGE_HOSTS: new URL(tmdbBase).host,
    JELLYFIN_URL: `http://${jellyfinHost}`,
    JELLYFIN_API_KEY: "jf-key",
    IMAGE_CACHE_MB: "8",
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => jellyfin.close(() => resolve()));
  rmSync(dataDir, { recursive: true, force: true });
});

const query = { variant: "card" as const, title: "Andor", mediaType: "tv" as const, accept: "image/webp,*/*" };

describe("loading a poster for a view", () => {
  it("prefers Jellyfin's own artwork for a library item, sending the API key only there", async () => {
    const { loadImage } = await import("@/lib/images/service");
    const image = await loadImage({ ...query, src: `${tmdbBase}/t/p/poster.png`, itemId: "abc123" });
    expect(image.contentType).toBe("image/webp");
    const { dominant } = await sharp(image.body as Buffer).stats();
    expect(dominant.g).toBeGreaterThan(dominant.r);
    expect(seen).toContain("jellyfin /Items/abc123/Images/Primary jf-key");
    expect(seen.some((s) => s.startsWith("tmdb"))).toBe(false);
  });

  it("keeps showing a poster seen once after its host goes away; an unseen one gets the placeholder", async () => {
    const { loadImage } = await import("@/lib/images/service");
    const first = await loadImage({ ...query, src: `${tmdbBase}/t/p/poster.png`, itemId: null });
    expect(first.artwork).toBe(true);
    await new Promise<void>((resolve) => tmdb.close(() => resolve()));

    const again = await loadImage({ ...query, src: `${tmdbBase}/t/p/poster.png`, itemId: null });
    expect(again.artwork).toBe(true);
    expect(Buffer.compare(again.body as Buffer, first.body as Buffer)).toBe(0);

    const unseen = await loadImage({ ...query, src: `${tmdbBase}/t/p/other.png`, itemId: null });
    expect(unseen.artwork).toBe(false);
    expect(unseen.contentType).toBe("image/svg+xml");
    expect(String(unseen.body)).toContain(">A</text>");
  });

  it("answers a host off the list, or no poster at all, with the placeholder without fetching", async () => {
    const { loadImage } = await import("@/lib/images/service");
    const before = seen.length;
    for (const src of ["http://evil.example/p.png", null, "https://tracker.local/api/admin/sweep"]) {
      const image = await loadImage({ ...query, src, itemId: null });
      expect(image.contentType, String(src)).toBe("image/svg+xml");
    }
    expect(seen.length).toBe(before);
  });
});
