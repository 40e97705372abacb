import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { notifyState } from "../schema";

export async function getNotifyState({ db, key }: { db: Db; key: string }): Promise<unknown> {
  const [row] = await db.select({ value: notifyState.value }).from(notifyState).where(eq(notifyState.key, key));
  return row?.value ?? null;
}

export async function setNotifyState({ db, key, value }: { db: Db; key: string; value: unknown }): Promise<void> {
  await db
    .insert(notifyState)
    .values({ key, value })
    .onConflictDoUpdate({ target: notifyState.key, set: { value, updatedAt: sql`now()` } });
}

/** Stores `value` unless the key exists; returns whichever is stored (the first writer wins across instances). */
export async function claimNotifyState({ db, key, value }: { db: Db; key: string; value: unknown }): Promise<unknown> {
  await db.insert(notifyState).values({ key, value }).onConflictDoNothing();
  return getNotifyState({ db, key });
}
