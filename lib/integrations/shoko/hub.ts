import "server-only";
import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";

/** v5 (`ShokoEvent:*` on the `shoko` feed) and v6 (`file:*`, `release:*` feeds) names (contracts/shoko.md §2–3). */
export const shokoHubTargets = [
  "ShokoEvent:FileMatched",
  "ShokoEvent:FileNotMatched",
  "ShokoEvent:MovieUpdated",
  "file:matched",
  "file:not_matched",
  "release:saved",
] as const;

export type ShokoHubListener = (target: string, payload: unknown) => void;

/** Where hub events come from: the SignalR connection in production, anything that calls the listener in tests. */
export type ShokoEventSource = {
  start(listener: ShokoHubListener): Promise<void>;
  stop(): Promise<void>;
  connected(): boolean;
};

/** 1 s, 2 s, 4 s … capped at 60 s: Shoko restarts or updates should not be hammered. */
export function hubRetryDelayMs(previousRetries: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.min(previousRetries, 6));
}

/**
 * The v5 aggregate hub with the `shoko` feed (contracts/shoko.md §2). SignalR's own reconnect covers drops;
 * a failed first start (Shoko down at boot) is retried here with the same back-off, forever, until stopped.
 */
export function signalrEventSource(config: { url: string; apiKey: string }): ShokoEventSource {
  let connection: HubConnection | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function connect(listener: ShokoHubListener, attempt: number): Promise<void> {
    if (stopped) return;
    // v5 serves the `shoko` feed, v6 the `file` and `release` ones; newer Shokofin asks both this way (contracts/shoko.md §5.1).
    const url = `${config.url.replace(/\/+$/, "")}/signalr/aggregate?feeds=shoko,file,release`;
    const hub = new HubConnectionBuilder()
      .withUrl(url, { accessTokenFactory: () => config.apiKey, headers: { apikey: config.apiKey } })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => hubRetryDelayMs(ctx.previousRetryCount) })
      .configureLogging(LogLevel.None)
      .build();
    for (const target of shokoHubTargets) hub.on(target, (payload: unknown) => listener(target, payload));
    hub.onclose(() => {
      if (!stopped) timer = setTimeout(() => void connect(listener, 0), hubRetryDelayMs(0));
    });
    connection = hub;
    try {
      await hub.start();
    } catch {
      timer = setTimeout(() => void connect(listener, attempt + 1), hubRetryDelayMs(attempt));
    }
  }

  return {
    start: (listener) => connect(listener, 0),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await connection?.stop();
    },
    connected: () => connection?.state === HubConnectionState.Connected,
  };
}
