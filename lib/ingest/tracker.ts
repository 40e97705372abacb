import "server-only";
import type { Db } from "@/db/client";
import type { DomainEvent, Source } from "@/lib/domain/events";
import { applyEvent } from "./apply";
import { createContext, flush, type AppliedEntry, type ApplyContext } from "./context";
import { applyWaitingSignals } from "./park";

/**
 * Applies what the tracker found out by itself (poller, sweep, Shoko hub) exactly like a webhook's events:
 * same correlation and transition rules, one transaction, timeline lines that reach the browser.
 * `prepare` runs first inside the transaction (to take a lock or read state); returning false skips the work.
 */
export async function applyTrackerEvents(input: {
  db: Db;
  source: Source;
  /** The clock to stamp with (the sweep's, so a test can fast-forward); defaults to now. */
  now?: Date;
  events: DomainEvent[] | ((ctx: ApplyContext) => Promise<DomainEvent[] | null>);
}): Promise<AppliedEntry[] | null> {
  return input.db.transaction(async (tx) => {
    const ctx = createContext(tx, input.source, input.now ?? new Date());
    const events = typeof input.events === "function" ? await input.events(ctx) : input.events;
    if (events === null) return null;
    for (const event of events) await applyEvent(ctx, event);
    await flush(ctx);
    await applyWaitingSignals(ctx);
    return ctx.applied;
  });
}
