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

type OpenMessage = { id: number | null; recipient: string; batchKey: string; dueAt: Date };

const slot = (recipient: string, batchKey: string) => `${recipient}\u0000${batchKey}`;

/**
 * Which message each item joins, in order: its recipient's open batch under `batchKey`, else under `alsoJoin`, else a
 * new one, which later items may join like an open one (while it is due after `now`). Joining with `advanceDue` brings
 * the message forward. `open` is keyed by recipient and batch key; new messages are added to it, with no id yet.
 */
function fileItems(items: NewItem[], open: Map<string, OpenMessage>, now: Date) {
  const filed: { item: NewItem; message: OpenMessage }[] = [];
  const advanced = new Set<OpenMessage>();
  const opened: OpenMessage[] = [];
  for (const item of items) {
    const joined = [item.batchKey, ...(item.alsoJoin ?? [])]
      .map((key) => open.get(slot(item.recipient, key)))
      .find((m) => m !== undefined && m.dueAt > now);
    if (joined) {
      if (item.advanceDue && item.dueAt < joined.dueAt) {
        joined.dueAt = item.dueAt;
        if (joined.id !== null) advanced.add(joined);
      }
      filed.push({ item, message: joined });
      continue;
    }
    const message: OpenMessage = { id: null, recipient: item.recipient, batchKey: item.batchKey, dueAt: item.dueAt };
    open.set(slot(item.recipient, item.batchKey), message);
    opened.push(message);
    filed.push({ item, message });
  }
  return { filed, advanced: [...advanced], opened };
}

/**
 * Files items into messages in one transaction: an item whose key exists is skipped (it was said, or is about
 * to be); the rest join their recipient's open batch or start a new message. `state` (the timeline cursor,
 * the digest's day) is written in the same transaction: a crash repeats both or neither. Returns new messages.
 * A handful of statements whatever the number of items: one item after another, three each, held a busy house's
 * pass (and a pooled connection) for seconds.
 */
export async function addItems(input: {
  db: Db;
  items: NewItem[];
  now: Date;
  state?: { key: string; value: unknown }[];
}): Promise<{ id: number; dueAt: Date }[]> {
  const { db, items, now, state = [] } = input;
  return db.transaction(async (tx) => {
    const keys = [...new Set(items.map((i) => i.idempotencyKey))];
    const existing = new Set(
      keys.length === 0
        ? []
        : (await tx.select({ key: notifyItems.idempotencyKey }).from(notifyItems).where(inArray(notifyItems.idempotencyKey, keys))).map((r) => r.key),
    );
    const fresh: NewItem[] = [];
    for (const item of items) {
      if (existing.has(item.idempotencyKey)) continue;
      existing.add(item.idempotencyKey);
      fresh.push(item);
    }
    const recipients = [...new Set(fresh.map((i) => i.recipient))];
    const batchKeys = [...new Set(fresh.flatMap((i) => [i.batchKey, ...(i.alsoJoin ?? [])]))];
    // Locked in id order, as every filing locks them: two instances filing at once wait for each other, never deadlock.
    const rows =
      fresh.length === 0
        ? []
        : await tx
            .select({ id: notifyMessages.id, recipient: notifyMessages.recipient, batchKey: notifyMessages.batchKey, dueAt: notifyMessages.dueAt })
            .from(notifyMessages)
            .where(
              and(
                inArray(notifyMessages.recipient, recipients),
                inArray(notifyMessages.batchKey, batchKeys),
                eq(notifyMessages.status, "collecting"),
                sql`${notifyMessages.dueAt} > ${now.toISOString()}::timestamptz`,
                or(isNull(notifyMessages.leaseUntil), lte(notifyMessages.leaseUntil, now)),
              ),
            )
            .orderBy(asc(notifyMessages.id))
            .for("update");
    // At most one open message per recipient and batch key is ever collecting; the oldest wins if there were more.
    const open = new Map<string, OpenMessage>();
    for (const row of rows) if (!open.has(slot(row.recipient, row.batchKey))) open.set(slot(row.recipient, row.batchKey), { ...row });
    const plan = fileItems(fresh, open, now);
    const created: { id: number; dueAt: Date }[] = [];
    if (plan.opened.length > 0) {
      const inserted = await tx
        .insert(notifyMessages)
        .values(
          plan.opened.map((m) => ({ recipient: m.recipient, batchKey: m.batchKey, status: "collecting" as const, dueAt: m.dueAt, createdAt: now })),
        )
        .returning({ id: notifyMessages.id });
      // Rows come back in the order of the values.
      plan.opened.forEach((m, i) => {
        m.id = inserted[i]?.id ?? null;
        if (m.id !== null) created.push({ id: m.id, dueAt: m.dueAt });
      });
    }
    for (const m of plan.advanced) {
      if (m.id !== null) await tx.update(notifyMessages).set({ dueAt: m.dueAt }).where(eq(notifyMessages.id, m.id));
    }
    const values = plan.filed.flatMap(({ item, message }) => {
      if (message.id === null) return [];
      const { batchKey: _b, alsoJoin: _j, dueAt: _d, advanceDue: _a, ...rest } = item;
      return [{ ...rest, messageId: message.id, createdAt: now }];
    });
    if (values.length > 0) await tx.insert(notifyItems).values(values).onConflictDoNothing();
    // A message brought forward is woken again at its new time; the earlier wake-up finds it already sent.
    await enqueueDue({ db: tx, messages: [...created, ...plan.advanced.flatMap((m) => (m.id === null ? [] : [{ id: m.id, dueAt: m.dueAt }]))] });
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
