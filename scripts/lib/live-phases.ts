import { SseClient } from "./sse-clients";
import { summary } from "./stats";

/** The measuring side of the live benchmark, the same for the app and for the bare floor server. */

export type ConnectResult = {
  clients: SseClient[];
  allConnectedMs: number;
  headers: ReturnType<typeof summary>;
  /** Why the clients that did not get a stream failed (an HTTP status, a socket error), most frequent first. */
  failures: string[];
};

/**
 * Opens `n` SSE clients at once; "all connected" is from the first request to the last response headers. A client
 * refused or cut off is counted, not fatal: a server overwhelmed by the connects is a result too.
 */
export async function connectAll(url: string, cookie: string, n: number, learn: (frame: string) => void): Promise<ConnectResult> {
  const opening = Array.from({ length: n }, () => new SseClient(url, learn, cookie));
  const start = performance.now();
  const settled = await Promise.allSettled(opening.map((c) => c.open()));
  const clients = opening.filter((_, i) => settled[i]?.status === "fulfilled");
  const reasons = new Map<string, number>();
  for (const [i, s] of settled.entries()) {
    if (s.status === "fulfilled") continue;
    opening[i]?.close();
    const reason = s.reason instanceof Error ? s.reason.message : String(s.reason);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const failures = [...reasons].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `${count}× ${reason}`);
  const times = clients.map((c) => c.headersAt - start);
  return { clients, allConnectedMs: times.length > 0 ? Math.max(...times) : Number.NaN, headers: summary(times), failures };
}

export type Sent = { key: string; sent: number; answered: number };

export type FanoutResult = {
  latency: ReturnType<typeof summary>;
  /** From the moment the webhook's answer was read (0 when the event arrived first): the fan-out's own share. */
  afterAnswer: ReturnType<typeof summary>;
  missed: number;
  events: number;
  /**
   * The event whose last client heard of it latest, sent → received at its first and at its last client: a late first
   * client means the event left the server late (ingest, NOTIFY, the hub's read); a wide spread, a slow fan-out.
   */
  slowest: { first: number; last: number };
};

/**
 * Posts `count` events `gapMs` apart with `post` (which says when it sent and when it was answered, and the key
 * its event will carry), then reads every client's receipts: latency is sent → received, per client and event.
 */
export async function measureFanout(
  clients: readonly SseClient[],
  count: number,
  gapMs: number,
  post: (i: number) => Promise<Sent>,
  keyOfSeq: (seq: number) => string | undefined,
  sample?: () => void,
): Promise<FanoutResult> {
  for (const c of clients) c.receipts.length = 0;
  const sent = new Map<string, Sent>();
  for (let i = 0; i < count; i++) {
    const s = await post(i);
    sent.set(s.key, s);
    await new Promise((r) => setTimeout(r, gapMs));
    if (i % 10 === 0) sample?.();
  }
  await new Promise((r) => setTimeout(r, 2_000));
  const latencies: number[] = [];
  const afterAnswer: number[] = [];
  let missed = 0;
  const reach = new Map<string, { first: number; last: number }>();
  for (const client of clients) {
    const got = new Map<string, number>();
    for (const r of client.receipts) {
      const key = keyOfSeq(r.seq);
      if (key !== undefined) got.set(key, r.at);
    }
    for (const [key, s] of sent) {
      const at = got.get(key);
      if (at === undefined) missed += 1;
      else {
        latencies.push(at - s.sent);
        const seen = reach.get(key);
        reach.set(key, { first: Math.min(seen?.first ?? Infinity, at - s.sent), last: Math.max(seen?.last ?? -Infinity, at - s.sent) });
        afterAnswer.push(Math.max(0, at - s.answered));
      }
    }
  }
  const slowest = [...reach.values()].reduce((a, b) => (b.last > a.last ? b : a), { first: Number.NaN, last: -Infinity });
  return { latency: summary(latencies), afterAnswer: summary(afterAnswer), missed, events: sent.size, slowest };
}
