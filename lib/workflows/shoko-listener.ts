import "server-only";
import type { Db } from "@/db/client";
import { enqueueOutbox } from "@/db/queries/outbox";
import type { ShokoClient } from "@/lib/integrations/shoko/client";
import type { ShokoEventSource } from "@/lib/integrations/shoko/hub";
import { log } from "@/lib/log";
import { handleShokoEvent } from "./anime-match";

export type ShokoListener = { connected(): boolean; stop(): Promise<void> };

/**
 * Feeds hub events into the matcher. With Inngest the event is written to the outbox (durable, retried by the
 * `anime-match` function); without it the matcher runs at once and the sweep covers anything that fails.
 */
export async function startShokoListener(input: {
  source: ShokoEventSource;
  getDb: () => Promise<Db>;
  shoko: ShokoClient | null;
  durable: boolean;
}): Promise<ShokoListener> {
  const { source, getDb, shoko, durable } = input;
  await source.start((target, payload) => {
    if (target === "ShokoEvent:MovieUpdated") return;
    void (async () => {
      const db = await getDb();
      if (durable)
        await enqueueOutbox({ db, messages: [{ name: "shoko/file.event", payload: { target, payload: payload as Record<string, unknown> } }] });
      else await handleShokoEvent({ db, shoko, target, payload });
    })().catch((error: unknown) => log.warn("shoko event not handled", { target, error: error instanceof Error ? error.message : String(error) }));
  });
  return { connected: () => source.connected(), stop: () => source.stop() };
}
