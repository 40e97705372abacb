import { createHash } from "node:crypto";
import type { Simulators } from "../../tests/fakes/stack";

/** Where a webhook goes and how it is presented, as each real sender presents it. */
export type WebhookSource = "jellyseerr" | "sonarr" | "radarr" | "jellyfin" | "qbittorrent";
export type Delivery = { source: WebhookSource; body: unknown; label: string };

/**
 * One moment of a scenario: what changes in the simulated services (their REST answers) and which webhook,
 * if any, the real service would send at that moment. `at` is milliseconds from the scenario's start, in demo
 * time; `world` gets the pace too, so the downloads it starts take their demo time at that pace.
 */
export type Step = { at: number; world?: (sim: Simulators, pace: number) => void; send?: Delivery };

/** Identity of one scenario run: every id is derived from `uid`, so runs never merge into one request. */
export type RunIds = { uid: number; batch: number };

/** `occasional`: like the trouble cases, run in the first batch and every fourth, not in every batch. */
export type Scenario = { name: string; summary: string; trouble: boolean; occasional?: boolean; steps: (ids: RunIds) => Step[] };

export type Answer = { status: number; text: string };
export type Deliver = (delivery: Delivery) => Promise<Answer>;

/** A lower-case 40-hex info-hash, stable for a run and a torrent number. */
export function infoHash(uid: number, n: number): string {
  return createHash("sha1").update(`status-tracker-demo:${uid}:${n}`).digest("hex");
}

/**
 * Posts webhooks to a Status Tracker as the senders do: Sonarr/Radarr with HTTP basic auth (password = the
 * secret), Jellyseerr with `Authorization: Bearer`, Jellyfin's plugin as text/plain with that header, and
 * qBittorrent's curl line as a form with `?token=`.
 */
export function webhookSender(target: string, secret: string): Deliver {
  const base = target.replace(/\/+$/, "");
  return async ({ source, body }) => {
    let url = `${base}/api/webhooks/${source}`;
    const headers: Record<string, string> = {};
    let payload: string;
    if (source === "qbittorrent") {
      url += `?token=${encodeURIComponent(secret)}`;
      headers["content-type"] = "application/x-www-form-urlencoded";
      payload = String(body);
    } else {
      payload = JSON.stringify(body);
      headers["content-type"] = source === "jellyfin" ? "text/plain; charset=utf-8" : "application/json";
      headers.authorization =
        source === "sonarr" || source === "radarr" ? `Basic ${Buffer.from(`${source}:${secret}`).toString("base64")}` : `Bearer ${secret}`;
    }
    const res = await fetch(url, { method: "POST", headers, body: payload, signal: AbortSignal.timeout(15_000) });
    return { status: res.status, text: await res.text() };
  };
}

export type RunOptions = {
  /** The simulators to drive; null when only the webhooks are sent (npm run simulate). */
  sim: Simulators | null;
  deliver: Deliver;
  /** 1 = real demo timing, 0.5 = twice as fast (scripts/demo/pace.ts); 0 = every step at once, in order (no `sim`). */
  pace: number;
  onAnswer?: (delivery: Delivery, answer: Answer) => void;
  onError?: (delivery: Delivery, error: unknown) => void;
  signal?: AbortSignal;
};

/** Waits, or stops waiting when the run is aborted; the abort listener is removed either way. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Plays a scenario's steps in time order; resolves with every delivery's answer once the last step ran. */
export async function runScenario(scenario: Scenario, ids: RunIds, options: RunOptions): Promise<{ delivery: Delivery; answer: Answer | null }[]> {
  const results: { delivery: Delivery; answer: Answer | null }[] = [];
  const steps = [...scenario.steps(ids)].sort((a, b) => a.at - b.at);
  const start = Date.now();
  for (const step of steps) {
    await sleep(start + step.at * options.pace - Date.now(), options.signal);
    if (options.signal?.aborted) break;
    if (step.world && options.sim) step.world(options.sim, options.pace);
    if (!step.send) continue;
    try {
      const answer = await options.deliver(step.send);
      options.onAnswer?.(step.send, answer);
      results.push({ delivery: step.send, answer });
    } catch (error) {
      options.onError?.(step.send, error);
      results.push({ delivery: step.send, answer: null });
    }
  }
  return results;
}

/** A run id no earlier demo or simulate run is likely to have used against the same instance. */
export function firstUid(): number {
  return 100_000 + Math.floor(Math.random() * 8_000) * 100;
}
