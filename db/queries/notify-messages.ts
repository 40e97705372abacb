import "server-only";
import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { notifyItems, notifyMessages, notifyState, outbox, type MessageStatus, type NotifyMessageRow } from "../schema";

/** The outbox event that tells the durable `notify` function a message is due (sent when available_at passes). */
export const NOTIFY_DUE = "tracker/notify.due";

/** Outbox rows that become sendable when each message is due. */
export async function enqueueDue({ db, messages }: { db: Db; messages: { id: number; dueAt: Date }[] }): Promise<void> {
  if (messages.length === 0) return;
  await db.insert(outbox).values(messages.map((m) => ({ name: NOTIFY_DUE, payload: { messageId: m.id }, availableAt: m.dueAt })));
}

export type NewItem = {
  idempotencyKey: string;
  recipient: string;
  requestId: number | null;
  kind: string;
  data: Record<string, unknown>;
  batchKey: string;
  /** Other open batches (in order of preference, after `batchKey`'s) the item may join; a new message takes `batchKey`. */
  alsoJoin?: string[];
  /** When a new message for this item would be due (now, or the end of the batch window). */
  dueAt: Date;
  /** Joining a message due later brings it forward to `dueAt` (a held release day that is now complete). */
  advanceDue?: boolean;
};

/**
 * Files items into messages in one transaction: an item whose key exists is skipped (it was said, or is about
 * to be); the rest join their recipient's open batch or start a new message. `state` (the timeline cursor,
 * the digest's day) is written in the same transaction: a crash repeats both or neither. Returns new messages.
 */
export async function addItems(input: {
  db: Db;
  items: NewItem[];
  now: Date;
  state?: { key: string; value: unknown }[];
}): Promise<{ id: number; dueAt: Date }[]> {
  const { db, items, now, state = [] } = input;
  return db.transaction(async (tx) => {
    const created: { id: number; dueAt: Date }[] = [];
    const advanced = new Map<number, Date>();
    const existing = new Set(
      items.length === 0
        ? []
        : (
            await tx
              .select({ key: notifyItems.idempotencyKey })
              .from(notifyItems)
              .where(
                inArray(
                  notifyItems.idempotencyKey,
                  items.map((i) => i.idempotencyKey),
                ),
              )
          ).map((r) => r.key),
    );
    for (const item of items) {
      if (existing.has(item.idempotencyKey)) continue;
      existing.add(item.idempotencyKey);
      const keys = [item.batchKey, ...(item.alsoJoin ?? [])];
      const open = await tx
        .select({ id: notifyMessages.id, batchKey: notifyMessages.batchKey, dueAt: notifyMessages.dueAt })
        .from(notifyMessages)
        .where(
          and(
            eq(notifyMessages.recipient, item.recipient),
            inArray(notifyMessages.batchKey, keys),
            eq(notifyMessages.status, "collecting"),
            sql`${notifyMessages.dueAt} > ${now.toISOString()}::timestamptz`,
            or(isNull(notifyMessages.leaseUntil), lte(notifyMessages.leaseUntil, now)),
          ),
        )
        .for("update");
      const joined = keys.map((key) => open.find((m) => m.batchKey === key)).find((m) => m !== undefined);
      let messageId = joined?.id;
      if (joined && item.advanceDue && item.dueAt < (advanced.get(joined.id) ?? joined.dueAt)) {
        await tx.update(notifyMessages).set({ dueAt: item.dueAt }).where(eq(notifyMessages.id, joined.id));
        advanced.set(joined.id, item.dueAt);
      }
      if (messageId === undefined) {
        const [row] = await tx
          .insert(notifyMessages)
          .values({ recipient: item.recipient, batchKey: item.batchKey, status: "collecting", dueAt: item.dueAt, createdAt: now })
          .returning({ id: notifyMessages.id });
        messageId = row!.id;
        created.push({ id: messageId, dueAt: item.dueAt });
      }
      const { batchKey: _b, alsoJoin: _j, dueAt: _d, advanceDue: _a, ...values } = item;
      await tx
        .insert(notifyItems)
        .values({ ...values, messageId, createdAt: now })
        .onConflictDoNothing();
    }
    // A message brought forward is woken again at its new time; the earlier wake-up finds it already sent.
    await enqueueDue({ db: tx, messages: [...created, ...[...advanced].map(([id, dueAt]) => ({ id, dueAt }))] });
    for (const { key, value } of state) {
      await tx
        .insert(notifyState)
        .values({ key, value })
        .onConflictDoUpdate({ target: notifyState.key, set: { value, updatedAt: sql`now()` } });
    }
    return created;
  });
}

/** Messages still to be sent: gathering items, held for quiet hours, or waiting to retry. */
const WAITING: MessageStatus[] = ["collecting", "held", "retrying"];

/** When the soonest open message can be claimed (its due time, or its lease's end if later); null when none waits. */
export async function nextMessageDueAt({ db }: { db: Db }): Promise<Date | null> {
  const [row] = await db
    .select({
      // greatest() skips a null lease.
      at: sql<Date | null>`min(greatest(${notifyMessages.dueAt}, ${notifyMessages.leaseUntil}))`.mapWith(notifyMessages.dueAt),
    })
    .from(notifyMessages)
    .where(inArray(notifyMessages.status, WAITING));
  return row?.at ?? null;
}

/**
 * Takes due messages for sending: each is leased for `leaseMs`, so another instance (or this one after a
 * crash) only picks it up again once the lease ran out.
 */
export async function claimDueMessages({ db, now, limit, leaseMs, ids }: { db: Db; now: Date; limit: number; leaseMs: number; ids?: number[] }) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(notifyMessages)
      .where(
        and(
          inArray(notifyMessages.status, WAITING),
          lte(notifyMessages.dueAt, now),
          or(isNull(notifyMessages.leaseUntil), lte(notifyMessages.leaseUntil, now)),
          ids ? inArray(notifyMessages.id, ids) : undefined,
        ),
      )
      .orderBy(asc(notifyMessages.dueAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (rows.length === 0) return [];
    const leaseUntil = new Date(now.getTime() + leaseMs);
    await tx
      .update(notifyMessages)
      .set({ leaseUntil })
      .where(
        inArray(
          notifyMessages.id,
          rows.map((r) => r.id),
        ),
      );
    return rows.map((r) => ({ ...r, leaseUntil }));
  });
}

export async function getMessage({ db, id }: { db: Db; id: number }): Promise<NotifyMessageRow | null> {
  const [row] = await db.select().from(notifyMessages).where(eq(notifyMessages.id, id));
  return row ?? null;
}

export async function listItemsOfMessage({ db, messageId }: { db: Db; messageId: number }) {
  return db.select().from(notifyItems).where(eq(notifyItems.messageId, messageId)).orderBy(asc(notifyItems.id));
}

/**
 * Quiet hours: the message's items move into the recipient's one held summary (due when the quiet ends) and
 * the message itself is marked merged. Returns the summary's id and whether it is new.
 */
export async function holdMessage({ db, id, recipient, until }: { db: Db; id: number; recipient: string; until: Date }) {
  return db.transaction(async (tx) => {
    const [held] = await tx
      .select({ id: notifyMessages.id })
      .from(notifyMessages)
      .where(and(eq(notifyMessages.recipient, recipient), eq(notifyMessages.batchKey, "quiet"), eq(notifyMessages.status, "held")))
      .for("update")
      .limit(1);
    if (held?.id === id) {
      await tx.update(notifyMessages).set({ dueAt: until, leaseUntil: null }).where(eq(notifyMessages.id, id));
      return { summaryId: id, created: false };
    }
    let summaryId = held?.id;
    let created = false;
    if (summaryId === undefined) {
      const [row] = await tx
        .insert(notifyMessages)
        .values({ recipient, batchKey: "quiet", status: "held", dueAt: until })
        .returning({ id: notifyMessages.id });
      summaryId = row!.id;
      created = true;
    }
    await tx.update(notifyItems).set({ messageId: summaryId }).where(eq(notifyItems.messageId, id));
    await tx
      .update(notifyMessages)
      .set({ status: "merged", leaseUntil: null, error: `held for quiet hours in message ${summaryId}` })
      .where(eq(notifyMessages.id, id));
    return { summaryId, created };
  });
}

export async function saveRendered({ db, id, title, body, link }: { db: Db; id: number; title: string; body: string; link: string | null }) {
  await db.update(notifyMessages).set({ title, body, link }).where(eq(notifyMessages.id, id));
}

/** The end of a send round: delivered / failed / no channel, or retrying at `dueAt`. */
export async function finishMessage(input: { db: Db; id: number; status: MessageStatus; error: string | null; now: Date; dueAt?: Date }) {
  const { db, id, status, error, now, dueAt } = input;
  await db
    .update(notifyMessages)
    .set({
      status,
      error,
      leaseUntil: null,
      attempts: sql`${notifyMessages.attempts} + 1`,
      ...(status === "delivered" ? { sentAt: now } : {}),
      ...(dueAt ? { dueAt } : {}),
    })
    .where(eq(notifyMessages.id, id));
}

export async function listRecentMessages({ db, limit }: { db: Db; limit: number }) {
  return db.select().from(notifyMessages).where(sql`${notifyMessages.status} <> 'merged'`).orderBy(desc(notifyMessages.id)).limit(limit);
}
