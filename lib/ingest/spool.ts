import "server-only";
import { mkdir, open, readdir, readFile, rename, truncate, unlink, type FileHandle } from "node:fs/promises";
import path from "node:path";

/**
 * The local append-only spool: where a delivery goes when the database cannot record it. One JSON line per
 * delivery (source, content type, time received, the raw bytes in base64), written and fdatasync'ed before the
 * sender gets its 202. Appends that arrive together share one write and one sync. The file being appended to is
 * `current.spool`; the replayer seals it (renames it to `<time>-<n>.sealed`) and applies sealed files in name
 * order, deleting each once every line in it is applied. A line cut short by a crash was never acknowledged
 * and is dropped when the spool opens.
 */

export type SpooledDelivery = { source: string; contentType: string | null; receivedAt: string; body: string };
export type SpoolBacklog = { records: number; bytes: number };

export class SpoolFullError extends Error {}

const CURRENT = "current.spool";

type Waiter = { line: Buffer; resolve: () => void; reject: (error: unknown) => void };

export class Spool {
  private fd: FileHandle | null = null;
  private currentBytes = 0;
  private sealedBytes = 0;
  private currentRecords = 0;
  private sealedRecords = 0;
  private ready: Promise<void> | null = null;
  private queue: Waiter[] = [];
  private flushing: Promise<void> | null = null;
  /** Serialises a batch's write with sealing, so no line lands in a file being renamed. */
  private exclusive: Promise<unknown> = Promise.resolve();
  private sealSeq = 0;
  private replaying: Promise<number> | null = null;
  /** Lines of a sealed file already applied by this process: a failed replay resumes after them. */
  private applied = new Map<string, number>();

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  backlog(): SpoolBacklog {
    return { records: this.currentRecords + this.sealedRecords, bytes: this.currentBytes + this.sealedBytes };
  }

  /** Opens the directory once: counts what is waiting and drops a torn last line. */
  init(): Promise<void> {
    this.ready ??= this.open().catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  private async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const current = path.join(this.dir, CURRENT);
    const text = await readFile(current).catch(() => Buffer.alloc(0));
    const end = text.lastIndexOf(0x0a) + 1;
    if (end < text.length) await truncate(current, end);
    this.currentBytes = end;
    this.currentRecords = countLines(text.subarray(0, end));
    for (const name of await this.sealedFiles()) {
      const file = await readFile(path.join(this.dir, name));
      this.sealedBytes += file.length;
      this.sealedRecords += countLines(file);
    }
  }

  private async sealedFiles(): Promise<string[]> {
    return (await readdir(this.dir)).filter((n) => n.endsWith(".sealed")).sort();
  }

  /** Appends one delivery and resolves once it is on disk. Throws SpoolFullError past maxBytes. */
  async append(delivery: SpooledDelivery): Promise<void> {
    await this.init();
    const line = Buffer.from(`${JSON.stringify(delivery)}\n`);
    const queued = this.queue.reduce((n, w) => n + w.line.length, 0);
    if (this.currentBytes + this.sealedBytes + queued + line.length > this.maxBytes) throw new SpoolFullError("The spool is full");
    const done = new Promise<void>((resolve, reject) => this.queue.push({ line, resolve, reject }));
    this.flushing ??= this.flush();
    return done;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.exclusive.then(fn, fn);
    this.exclusive = run.catch(() => {});
    return run;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      await this.serial(() => this.writeBatch(batch));
    }
    this.flushing = null;
  }

  private async writeBatch(batch: Waiter[]): Promise<void> {
    const bytes = Buffer.concat(batch.map((w) => w.line));
    try {
      if (!this.fd) {
        this.fd = await open(path.join(this.dir, CURRENT), "a");
        await syncDirectory(this.dir); // the new file's name is durable too
      }
      await this.fd.write(bytes);
      await this.fd.datasync();
      this.currentBytes += bytes.length;
      this.currentRecords += batch.length;
      for (const w of batch) w.resolve();
    } catch (error) {
      // Nothing of a failed batch was acknowledged: cut the file back so no half line stays behind.
      await this.fd?.truncate(this.currentBytes).catch(() => {});
      await this.fd?.close().catch(() => {});
      this.fd = null;
      for (const w of batch) w.reject(error);
    }
  }

  /** Closes the file being appended to and renames it for replay; appends continue in a new file. */
  private seal(): Promise<void> {
    return this.serial(async () => {
      if (this.currentRecords === 0) return;
      await this.fd?.close().catch(() => {});
      this.fd = null;
      this.sealSeq += 1;
      const name = `${String(Date.now()).padStart(15, "0")}-${String(this.sealSeq).padStart(6, "0")}.sealed`;
      await rename(path.join(this.dir, CURRENT), path.join(this.dir, name));
      this.sealedBytes += this.currentBytes;
      this.sealedRecords += this.currentRecords;
      this.currentBytes = 0;
      this.currentRecords = 0;
    });
  }

  /**
   * Applies every spooled delivery in order. `apply` throwing stops the replay (the database went away again);
   * the rest stays for the next call. Resolves how many were applied.
   */
  replay(apply: (delivery: SpooledDelivery) => Promise<void>): Promise<number> {
    // One replay at a time: a second caller waits for the running one instead of applying the same lines.
    this.replaying ??= this.replayOnce(apply).finally(() => {
      this.replaying = null;
    });
    return this.replaying;
  }

  private async replayOnce(apply: (delivery: SpooledDelivery) => Promise<void>): Promise<number> {
    await this.init();
    await this.seal();
    let count = 0;
    for (const name of await this.sealedFiles()) {
      const file = path.join(this.dir, name);
      const text = await readFile(file);
      const lines = text
        .toString("utf8")
        .split("\n")
        .filter((l) => l !== "");
      for (let i = this.applied.get(name) ?? 0; i < lines.length; i += 1) {
        const delivery = parseLine(lines[i] ?? "");
        if (delivery) await apply(delivery);
        this.applied.set(name, i + 1);
        count += 1;
      }
      await unlink(file);
      this.applied.delete(name);
      this.sealedBytes = Math.max(0, this.sealedBytes - text.length);
      this.sealedRecords = Math.max(0, this.sealedRecords - lines.length);
    }
    return count;
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.serial(async () => {
      await this.fd?.close().catch(() => {});
      this.fd = null;
    });
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function countLines(buffer: Buffer): number {
  let n = 0;
  for (let i = buffer.indexOf(0x0a); i !== -1; i = buffer.indexOf(0x0a, i + 1)) n += 1;
  return n;
}

function parseLine(line: string): SpooledDelivery | null {
  try {
    const value = JSON.parse(line) as Partial<SpooledDelivery>;
    if (typeof value.source !== "string" || typeof value.body !== "string" || typeof value.receivedAt !== "string") return null;
    return {
      source: value.source,
      contentType: typeof value.contentType === "string" ? value.contentType : null,
      receivedAt: value.receivedAt,
      body: value.body,
    };
  } catch {
    return null;
  }
}
