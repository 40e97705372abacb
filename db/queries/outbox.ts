import "server-only";
import type { Sql } from "postgres";
import type { Db } from "../client";
import { sqlOf } from "../raw";

export type OutboxMessage = { name: string; payload: Record<string, unknown> };

/**
 * The insert of follow-up messages, one prepared statement whatever their number (they go as one JSON parameter):
 * alone or inside the inbox row's statement (recordAppliedDeliveryOrAbort).
 */
export function insertOutboxMessages(sql: Sql, messages: OutboxMessage[]) {
  return sql`
    insert into outbox (name, payload)
    select name, payload from jsonb_to_recordset(${JSON.stringify(messages)}::jsonb) as m(name text, payload jsonb)`;
}

/** Follow-up work, written in the same transaction as the change that needs it. */
export async function enqueueOutbox({ db, messages }: { db: Db; messages: OutboxMessage[] }) {
  if (messages.length === 0) return;
  await insertOutboxMessages(sqlOf(db), messages);
}
