import "server-only";
import type { Db } from "@/db/client";
import { syncHouseholdChannels } from "@/db/queries/notify-channels";
import { claimDueMessages, nextMessageDueAt } from "@/db/queries/notify-messages";
import { latestSeq } from "@/db/queries/notify-sources";
import { parseChannelUrl } from "@/lib/notify/url";
import { vapidKeys, type VapidKeys } from "@/lib/notify/vapid";
import { log } from "@/lib/log";
import { collectNotifications } from "./collect";
import type { NotifyConfig } from "./config";
import { deliverMessage } from "./deliver";
import { afterNotifyPass, notifyPassDue, type NotifyGateState } from "./gate";

/** How long a claimed message is ours before another instance may take it (a send round is far shorter). */
export const LEASE_MS = 120_000;

/** NOTIFY_URLS → household channel rows (bad URLs are logged and skipped). */
export async function syncHousehold({ db, config }: { db: Db; config: NotifyConfig }): Promise<void> {
  const urls = config.householdUrls.flatMap((url) => {
    const parsed = parseChannelUrl(url);
    if (!parsed.ok) log.warn("NOTIFY_URLS entry skipped", { scheme: url.split(":")[0], reason: parsed.message });
    return parsed.ok ? [{ scheme: parsed.target.scheme, url }] : [];
  });
  await syncHouseholdChannels({ db, urls });
}

/**
 * One notification tick: collect what the timeline says, then (embedded only: `deliver`) send every due
 * message. With Inngest the durable `notify` function does the sending, woken through the outbox.
 */
export async function runNotifyTick(input: { db: Db; now: Date; config: NotifyConfig; deliver: boolean; vapid?: () => Promise<VapidKeys> }) {
  const { db, now, config } = input;
  await syncHousehold({ db, config });
  const collected = await collectNotifications({ db, now, config });
  if (!input.deliver) return { ...collected, sent: 0 };
  const vapid = input.vapid ?? (() => vapidKeys(db));
  let sent = 0;
  for (;;) {
    const due = await claimDueMessages({ db, now, limit: 20, leaseMs: LEASE_MS });
    for (const message of due) {
      const outcome = await deliverMessage({ db, message, now, config, vapid });
      if (outcome.status === "delivered") sent += 1;
    }
    if (due.length < 20) break;
  }
  return { ...collected, sent };
}

/**
 * The scheduler's notification tick: a pass (runNotifyTick) only when notifyPassDue says one is needed, otherwise a
 * single read of the newest timeline row. Resolves whether the pass ran.
 */
export function notifyTicker(input: {
  db: () => Promise<Db>;
  config: () => NotifyConfig;
  deliver: boolean;
  now?: () => Date;
}): () => Promise<boolean> {
  const now = input.now ?? (() => new Date());
  let gate: NotifyGateState = null;
  return async () => {
    const db = await input.db();
    const at = now();
    const seq = await latestSeq({ db });
    if (!notifyPassDue(gate, at.getTime(), seq)) return false;
    await runNotifyTick({ db, now: at, config: input.config(), deliver: input.deliver });
    gate = afterNotifyPass(gate, at.getTime(), seq, (await nextMessageDueAt({ db }))?.getTime() ?? null);
    return true;
  };
}
