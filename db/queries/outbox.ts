import "server-only";
import type { Db } from "../client";
import { sqlOf } from "../raw";

export type OutboxMessage = { name: string; payload: Record<string, unknown> };

/** Follow-up work, written in the same transaction as the change that needs it. */
export async function enqueueOutbox({ db, messages }: { db: Db; messages: OutboxMessage[] }) {
  if (messages.length === 0) return;
  // One prepared statement whatever the number of messages (they go as one JSON parameter).
  await sqlOf(db)`
    insert into outbox (name, payload)
    select name, payload from jsonb_to_recordset(${JSON.stringify(messages)}::jsonb) as m(name text, payload jsonb)`;
}
