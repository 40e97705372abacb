import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";

/** Every resize the image service starts, counted while it runs. */
const renders = vi.hoisted(() => ({ running: 0, most: 0, total: 0 }));
vi.mock("@/lib/images/render", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/images/render")>();
  return {
    ...real,
    renderImage: async (...args: Parameters<typeof real.renderImage>) => {
      renders.running += 1;
      renders.total += 1;
      renders.most = Math.max(renders.most, renders.running);
      try {
        return await real.renderImage(...args);
      } finally {
        renders.running -= 1;
      }
    },
  };
});

const { loadImage } = await import("@/lib/images/service");

let server: Server;
let base: string;
const dataDir = mkdtempSync(path.join(tmpdir(), "st-image-renders-"));

beforeAll(async () => {
  const poster = await sharp({ create: { width: 600, height: 900, channels: 3, background: "#3366aa" } })
    .png()
    .toBuffer();
  server = createServer((_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(poster));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.IMAGE_HOSTS = new URL(base).host;
  process.env.DATA_DIR = dataDir;
  resetEnvForTests();
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("poster resizes", () => {
  it("run two at a time however many new posters a page asks for at once, and every one is served", async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        loadImage({ variant: "card", src: `${base}/poster-${i}.png`, itemId: null, title: `Film ${i}`, mediaType: "movie", accept: "image/webp" }),
      ),
    );
    expect(answers.map((a) => [a.artwork, a.contentType])).toEqual(Array.from({ length: 12 }, () => [true, "image/webp"]));
    expect(renders.total).toBe(12);
    expect(renders.most).toBe(2);
  });
});
