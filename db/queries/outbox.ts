import "server-only";
import type { Db } from "../client";
import { outbox } from "../schema";

export type OutboxMessage = { name: string; payload: Record<string, unknown> };

/** Follow-up work, written in the same transaction as the change that needs it. */
export async function enqueueOutbox({ db, messages }: { db: Db; messages: OutboxMessage[] }) {
  if (messages.length === 0) return;
  await db.insert(outbox).values(messages);
}
