import "server-only";
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from "node:fs/promises";
import path from "node:path";

type Entry = { size: number };

/**
 * Rendered images on disk with a size cap: the least recently used go first past it. The order lives in memory
 * (a Map keeps insertion order: a hit moves its key to the end) and is rebuilt from the files' modification
 * times at the first use after a start, which each hit refreshes.
 */
export class ImageDiskCache {
  private index: Map<string, Entry> | null = null;
  private loading: Promise<Map<string, Entry>> | null = null;
  private total = 0;

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  static key(parts: readonly string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex");
  }

  private file(key: string): string {
    return path.join(this.dir, key);
  }

  private async load(): Promise<Map<string, Entry>> {
    if (this.index) return this.index;
    this.loading ??= (async () => {
      await mkdir(this.dir, { recursive: true });
      const found: { key: string; size: number; used: number }[] = [];
      for (const name of await readdir(this.dir)) {
        if (!/^[0-9a-f]{64}$/.test(name)) continue;
        const info = await stat(this.file(name)).catch(() => null);
        if (info?.isFile()) found.push({ key: name, size: info.size, used: info.mtimeMs });
      }
      found.sort((a, b) => a.used - b.used);
      const index = new Map<string, Entry>();
      for (const f of found) index.set(f.key, { size: f.size });
      this.total = found.reduce((sum, f) => sum + f.size, 0);
      this.index = index;
      return index;
    })();
    return this.loading;
  }

  async get(key: string): Promise<Buffer | null> {
    const index = await this.load();
    const entry = index.get(key);
    if (!entry) return null;
    try {
      const bytes = await readFile(this.file(key));
      index.delete(key);
      index.set(key, entry);
      const now = new Date();
      void utimes(this.file(key), now, now).catch(() => {});
      return bytes;
    } catch {
      index.delete(key);
      this.total -= entry.size;
      return null;
    }
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const index = await this.load();
    if (bytes.byteLength > this.maxBytes) return;
    const temp = `${this.file(key)}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, this.file(key));
    const previous = index.get(key);
    if (previous) {
      index.delete(key);
      this.total -= previous.size;
    }
    index.set(key, { size: bytes.byteLength });
    this.total += bytes.byteLength;
    await this.evict(index);
  }

  private async evict(index: Map<string, Entry>): Promise<void> {
    for (const [key, entry] of index) {
      if (this.total <= this.maxBytes) break;
      index.delete(key);
      this.total -= entry.size;
      await unlink(this.file(key)).catch(() => {});
    }
  }

  /** Bytes held, as the index counts them. */
  async size(): Promise<number> {
    await this.load();
    return this.total;
  }
}
