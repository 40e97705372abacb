import type { LiveReset, LiveUpdate } from "@/lib/live/types";
import { LIVE_EVENT } from "@/lib/live/types";

export type LiveStatus = "connecting" | "live" | "reconnecting" | "offline";
type Listener = (update: LiveUpdate) => void;

const RECENT = 500;
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];
/** After this many failed attempts in a row the indicator says offline (retries go on). */
const OFFLINE_AFTER = 4;

/**
 * The tab's one EventSource. Components subscribe with the timeline seq their server data was read
 * at; recent events after it are replayed to them, so nothing between render and mount is lost.
 */
export class LiveStore {
  status: LiveStatus = "connecting";
  private source: EventSource | null = null;
  private lastSeq: number | null = null;
  private readonly recent: LiveUpdate[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<() => void>();
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private started = false;

  constructor(
    private readonly url: string,
    private readonly onReset: () => void,
    private readonly onUpdate: (update: LiveUpdate) => void,
  ) {}

  subscribe(sinceSeq: number, listener: Listener): () => void {
    // Before the first connect, start the stream early enough for the oldest page data on screen.
    if (!this.started) this.lastSeq = this.lastSeq === null ? sinceSeq : Math.min(this.lastSeq, sinceSeq);
    for (const u of this.recent) if (u.seq > sinceSeq) listener(u);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  subscribeStatus = (listener: () => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  getStatus = () => this.status;

  start(): void {
    if (this.started) return;
    this.started = true;
    window.addEventListener("online", this.reconnectNow);
    window.addEventListener("offline", this.goOffline);
    if (navigator.onLine === false) this.setStatus("offline");
    else this.connect();
  }

  stop(): void {
    this.started = false;
    window.removeEventListener("online", this.reconnectNow);
    window.removeEventListener("offline", this.goOffline);
    this.closeSource();
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private setStatus(status: LiveStatus) {
    if (this.status === status) return;
    this.status = status;
    for (const l of this.statusListeners) l();
  }

  private connect() {
    this.closeSource();
    const url = this.lastSeq === null ? this.url : `${this.url}?lastEventId=${this.lastSeq}`;
    const source = new EventSource(url);
    this.source = source;
    source.onopen = () => {
      this.attempts = 0;
      this.setStatus("live");
    };
    source.addEventListener(LIVE_EVENT.update, (e) => this.receive(JSON.parse((e as MessageEvent<string>).data) as LiveUpdate));
    source.addEventListener(LIVE_EVENT.reset, (e) => {
      this.lastSeq = (JSON.parse((e as MessageEvent<string>).data) as LiveReset).seq;
      this.onReset();
    });
    // The browser's own retry has a fixed delay; ours backs off and resumes from the last seq seen.
    source.onerror = () => {
      this.closeSource();
      this.scheduleRetry();
    };
  }

  private receive(update: LiveUpdate) {
    if (this.lastSeq !== null && update.seq <= this.lastSeq && this.recent.some((u) => u.seq === update.seq)) return;
    this.lastSeq = Math.max(this.lastSeq ?? 0, update.seq);
    this.recent.push(update);
    if (this.recent.length > RECENT) this.recent.shift();
    this.onUpdate(update);
    for (const l of this.listeners) l(update);
  }

  private scheduleRetry() {
    if (!this.started) return;
    if (navigator.onLine === false) return this.setStatus("offline");
    this.attempts += 1;
    this.setStatus(this.attempts > OFFLINE_AFTER ? "offline" : "reconnecting");
    const delay = BACKOFF_MS[Math.min(this.attempts - 1, BACKOFF_MS.length - 1)] ?? 30_000;
    // Jitter keeps a restarted server from being hit by every tab in the same millisecond.
    this.retryTimer = setTimeout(() => this.connect(), delay * (0.75 + Math.random() * 0.5));
  }

  private closeSource() {
    this.source?.close();
    this.source = null;
  }

  private reconnectNow = () => {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.attempts = 0;
    this.setStatus("reconnecting");
    this.connect();
  };

  private goOffline = () => {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.closeSource();
    this.setStatus("offline");
  };
}
