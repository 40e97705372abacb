import "server-only";
import type { Requester } from "@/lib/auth/aliases";
import { getDatabase, type Database } from "@/db/client";
import { listTimelineAfter } from "@/db/queries/timeline";
import { latestTimelineSeq } from "@/db/queries/live";
import { listExistingAuthSessionIds } from "@/db/queries/auth-sessions";
import { forgetStreamSession } from "@/lib/auth/request-viewer";
import { log } from "@/lib/log";
import { buildUpdates } from "./build";
import { SeqTracker } from "./seq-tracker";
import { concatChunks } from "@/lib/http/bytes";
import { encodeReset, encodeUpdate, HEARTBEAT } from "./sse";

/**
 * A connected SSE client; `write` returns false when the client is gone or too far behind. `accepts` limits it to the requests its viewer may see (MEMBERS_SEE=own); without it
 * the client gets everything, as one shared buffer.
 */
export type LiveClient = {
  write(chunk: Uint8Array): boolean;
  close(): void;
  accepts?: (owner: Requester | null) => boolean;
  /** The session the stream was opened under: the stream ends soon after the session does (sign-out, revocation). */
  session?: string;
};

type Encoded = { seq: number; bytes: Uint8Array; owner: Requester | null };

type Attached = { client: LiveClient; buffer: Encoded[] | null; skip: Set<number> | null };

const READ_BATCH = 500;
/** A client further behind than this reloads its page instead of replaying. */
export const REPLAY_LIMIT = 1_000;
const HEARTBEAT_MS = 15_000;
/** How often the sessions of open streams are checked, in one read for all of them. */
const SESSION_SWEEP_MS = 5_000;

export type LiveHubTimings = { heartbeatMs: number; sessionSweepMs: number };

/**
 * The process's single LISTEN on `timeline`, fanned out to every SSE client. Notifications only wake
 * it: each wake-up reads the new rows once, builds each event once and writes the same bytes to all.
 */
export class LiveHub {
  private readonly clients = new Set<Attached>();
  private tracker: SeqTracker | null = null;
  private ready: Promise<Database> | null = null;
  private draining = false;
  private drainAgain = false;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private sinceHeartbeatMs = 0;
  private sweeping = false;
  /** Seqs read and accepted by the drain in progress, whose events are being built. */
  private readonly building = new Set<number>();

  constructor(
    private readonly open: () => Promise<Database> = getDatabase,
    private readonly timings: LiveHubTimings = { heartbeatMs: HEARTBEAT_MS, sessionSweepMs: SESSION_SWEEP_MS },
  ) {}

  get clientCount(): number {
    return this.clients.size;
  }

  private start(): Promise<Database> {
    if (!this.ready) {
      const starting = (async () => {
        const database = await this.open();
        // Listen before reading the newest seq: a row committed in between is then read by the first drain.
        // After the LISTEN connection comes back from a database restart, read what was committed meanwhile.
        await database.listen(
          "timeline",
          () => this.wake(),
          () => this.wake(),
        );
        this.tracker = new SeqTracker(await latestTimelineSeq({ db: database.db }));
        return database;
      })();
      this.ready = starting;
      starting.catch((error: unknown) => {
        this.ready = null;
        log.error("live listen failed", { error: error instanceof Error ? error.message : String(error) });
      });
    }
    return this.ready;
  }

  /**
   * Resolves once the hub listens and knows the newest row, so that a client answered after it misses nothing
   * committed since. A stream's headers wait for it: the first client of a process would otherwise have its
   * headers while the hub still started, and a row committed meanwhile fell below the hub's first mark. Never
   * rejects: a database that cannot be reached fails the attach, which closes the stream for the client to retry.
   */
  async listening(): Promise<void> {
    await this.start().catch(() => {});
  }

  /** Adds a client; with `afterSeq`, first replays the timeline rows after it. */
  async attach(client: LiveClient, afterSeq: number | null): Promise<() => void> {
    const database = await this.start();
    const attached: Attached = { client, buffer: afterSeq === null ? null : [], skip: null };
    this.clients.add(attached);
    this.ensureHeartbeat();
    const detach = () => {
      this.clients.delete(attached);
      if (this.clients.size === 0 && this.heartbeat) {
        clearInterval(this.heartbeat);
        this.heartbeat = null;
      }
    };
    if (afterSeq !== null) await this.replay(database, attached, afterSeq);
    return detach;
  }

  private async replay(database: Database, attached: Attached, afterSeq: number): Promise<void> {
    const rows = await listTimelineAfter({ db: database.db, afterSeq, limit: REPLAY_LIMIT + 1 });
    const newest = await latestTimelineSeq({ db: database.db });
    const replayed = new Set<number>();
    if (rows.length > REPLAY_LIMIT || afterSeq > newest) {
      // Too far behind (or from another database): cheaper to reload the page than to replay.
      attached.client.write(encodeReset({ seq: newest }));
      for (let seq = afterSeq + 1; seq <= newest && replayed.size <= REPLAY_LIMIT * 2; seq++) replayed.add(seq);
    } else if (rows.length > 0) {
      const built = await buildUpdates(database.db, rows);
      const visible = built.filter((b) => accepted(attached.client, b.owner));
      if (visible.length > 0) attached.client.write(concatChunks(visible.map((b) => encodeUpdate(b.update))));
      for (const b of built) replayed.add(b.update.seq);
    }
    const buffered = attached.buffer ?? [];
    attached.buffer = null;
    const pending = buffered.filter((b) => !replayed.has(b.seq) && accepted(attached.client, b.owner));
    if (pending.length > 0) attached.client.write(concatChunks(pending.map((b) => b.bytes)));
    // Replay and broadcast meet here, with no await since the buffer was flushed: a replayed row the hub has
    // not broadcast yet (past its mark, or a late commit it still waits for) is skipped when it is.
    const tracker = this.tracker;
    const ahead = [...replayed].filter((seq) => this.building.has(seq) || (tracker?.mayBroadcast(seq) ?? true));
    attached.skip = ahead.length > 0 ? new Set(ahead) : null;
  }

  /** One timer for every client, whatever their number: session sweeps, and a ping now and then. */
  private ensureHeartbeat(): void {
    if (this.heartbeat) return;
    const { heartbeatMs, sessionSweepMs } = this.timings;
    const tickMs = Math.min(heartbeatMs, sessionSweepMs);
    this.sinceHeartbeatMs = 0;
    this.heartbeat = setInterval(() => {
      void this.sweepSessions();
      this.sinceHeartbeatMs += tickMs;
      if (this.sinceHeartbeatMs < heartbeatMs) return;
      this.sinceHeartbeatMs = 0;
      for (const c of [...this.clients]) if (!c.client.write(HEARTBEAT)) this.drop(c);
      // Also a safety net: a notification lost while the LISTEN connection reconnected is read here.
      this.wake();
    }, tickMs);
    this.heartbeat.unref?.();
  }

  /** Ends the streams whose session has ended (signed out, revoked): one read for all open sessions. */
  private async sweepSessions(): Promise<void> {
    if (this.sweeping || !this.ready) return;
    const sessions = new Set<string>();
    for (const c of this.clients) if (c.client.session) sessions.add(c.client.session);
    if (sessions.size === 0) return;
    this.sweeping = true;
    try {
      const database = await this.ready;
      const existing = new Set(await listExistingAuthSessionIds({ db: database.db, ids: [...sessions] }));
      // Only sessions this read asked about: a client that connected meanwhile waits for the next sweep.
      const ended = new Set([...sessions].filter((sid) => !existing.has(sid)));
      if (ended.size === 0) return;
      for (const sid of ended) forgetStreamSession(sid);
      for (const c of [...this.clients]) if (c.client.session && ended.has(c.client.session)) this.drop(c);
    } catch (error) {
      log.warn("live session sweep failed", { error: error instanceof Error ? error.message : String(error) });
    } finally {
      this.sweeping = false;
    }
  }

  private drop(c: Attached): void {
    this.clients.delete(c);
    c.client.close();
  }

  /** Coalesces notifications: one drain at a time, and at most one more queued behind it. */
  wake(): void {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = true;
    // setImmediate lets every NOTIFY of one commit arrive before the read.
    setImmediate(() => void this.drainLoop());
  }

  private async drainLoop(): Promise<void> {
    try {
      do {
        this.drainAgain = false;
        await this.drainOnce();
      } while (this.drainAgain);
    } catch (error) {
      log.error("live drain failed", { error: error instanceof Error ? error.message : String(error) });
    } finally {
      this.draining = false;
    }
  }

  private async drainOnce(): Promise<void> {
    const database = await this.start();
    const tracker = this.tracker;
    if (!tracker || this.clients.size === 0) {
      // Nobody listens: just move the mark so the next client does not get a burst of old rows. Unless a client
      // came meanwhile: the newest row may then be one it must get, and the next drain reads from the old mark.
      if (!tracker) return;
      const newest = await latestTimelineSeq({ db: database.db });
      if (this.clients.size === 0) tracker.lastSeq = Math.max(tracker.lastSeq, newest);
      else this.drainAgain = true;
      return;
    }
    const now = Date.now();
    const rows = await listTimelineAfter({ db: database.db, afterSeq: tracker.readFloor(now), limit: READ_BATCH });
    if (rows.length === READ_BATCH) this.drainAgain = true;
    const fresh = new Set(
      tracker.accept(
        rows.map((r) => r.seq),
        now,
      ),
    );
    const newRows = rows.filter((r) => fresh.has(r.seq));
    if (newRows.length === 0) return;
    // Accepted but not broadcast until built: a replay meanwhile must still expect them from the hub.
    for (const r of newRows) this.building.add(r.seq);
    try {
      const built = await buildUpdates(database.db, newRows);
      this.broadcast(built.map((b) => ({ seq: b.update.seq, bytes: encodeUpdate(b.update), owner: b.owner })));
    } finally {
      this.building.clear();
    }
  }

  private broadcast(events: Encoded[]): void {
    const joined = concatChunks(events.map((e) => e.bytes));
    for (const c of [...this.clients]) {
      if (c.buffer) {
        c.buffer.push(...events);
        continue;
      }
      let chunk = joined;
      if (c.skip || c.client.accepts) {
        const skip = c.skip ?? new Set<number>();
        chunk = concatChunks(events.filter((e) => !skip.has(e.seq) && accepted(c.client, e.owner)).map((e) => e.bytes));
        for (const e of events) skip.delete(e.seq);
        if (c.skip && skip.size === 0) c.skip = null;
      }
      if (chunk.byteLength > 0 && !c.client.write(chunk)) this.drop(c);
    }
  }
}

function accepted(client: LiveClient, owner: Requester | null): boolean {
  return client.accepts ? client.accepts(owner) : true;
}

type Holder = { __statusTrackerLiveHub?: LiveHub };
const holder = globalThis as typeof globalThis & Holder;

/** The process-wide hub; on globalThis because Next may load this module more than once. */
export function getLiveHub(): LiveHub {
  holder.__statusTrackerLiveHub ??= new LiveHub();
  return holder.__statusTrackerLiveHub;
}
