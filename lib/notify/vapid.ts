import "server-only";
import webpush from "web-push";
import type { Db } from "@/db/client";
import { claimNotifyState } from "@/db/queries/notify-state";
import { env } from "@/lib/env";

export type VapidKeys = { publicKey: string; privateKey: string };

function isKeys(value: unknown): value is VapidKeys {
  const v = value as Partial<VapidKeys> | null;
  return typeof v?.publicKey === "string" && typeof v.privateKey === "string";
}

/**
 * VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY when set; else a pair generated once and kept in the database, so every
 * instance and every restart signs with the same key (subscriptions are bound to it).
 */
export async function vapidKeys(db: Db): Promise<VapidKeys> {
  const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY } = env();
  if (VAPID_PUBLIC_KEY && VAPID_PRIVATE_KEY) return { publicKey: VAPID_PUBLIC_KEY, privateKey: VAPID_PRIVATE_KEY };
  const stored = await claimNotifyState({ db, key: "vapid", value: webpush.generateVAPIDKeys() });
  if (!isKeys(stored)) throw new Error("the stored VAPID keys are unreadable");
  return stored;
}
