import "server-only";
import type { Db } from "@/db/client";
import { claimDueOutbox, markOutboxFailed, markOutboxSent, type OutboxRow } from "@/db/queries/workflows";

export type OutgoingEvent = { id: string; name: string; data: Record<string, unknown> };
export type Send = (events: OutgoingEvent[]) => Promise<void>;

/** Delay before the next attempt: 5 s doubling per failure, capped at 10 min, ±25 % jitter. */
export function outboxBackoffMs(attempts: number): number {
  const base = Math.min(600_000, 5000 * 2 ** Math.min(attempts, 10));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** The event id is the outbox id, so a resend after a crash between send and commit is deduplicated by Inngest. */
export function toOutgoing(row: OutboxRow): OutgoingEvent {
  return { id: `outbox-${row.id}`, name: row.name, data: row.payload };
}

/** How long a claimed row stays with its drainer before another may send it again. */
const CLAIM_MS = 60_000;

/**
 * Sends due outbox rows in id order. Rows are claimed in one statement, sent with no transaction open (a slow
 * Inngest or check never holds a database lock), then marked sent; a failed send keeps every row and retries
 * it later with back-off. A resend after a crash reuses the event ids, so Inngest drops the duplicate.
 */
export async function drainOutbox({ db, send, now = new Date(), limit = 50 }: { db: Db; send: Send; now?: Date; limit?: number }) {
  const rows = await claimDueOutbox({ db, now, limit, leaseMs: CLAIM_MS });
  if (rows.length === 0) return { sent: 0, failed: 0 };
  const ids = rows.map((r) => r.id);
  try {
    await send(rows.map(toOutgoing));
  } catch (error) {
    const attempts = Math.max(...rows.map((r) => r.attempts));
    const detail = error instanceof Error ? error.message : String(error);
    await markOutboxFailed({ db, ids, error: detail, retryAt: new Date(now.getTime() + outboxBackoffMs(attempts)) });
    return { sent: 0, failed: rows.length };
  }
  await markOutboxSent({ db, ids, now });
  return { sent: rows.length, failed: 0 };
}
