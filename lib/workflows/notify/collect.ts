import "server-only";
import type { Db } from "@/db/client";
import { listFollowers } from "@/db/queries/notify-follows";
import { listMembers } from "@/db/queries/notify-members";
import { addItems, type NewItem } from "@/db/queries/notify-messages";
import { claimNotifyState, getNotifyState, setNotifyState } from "@/db/queries/notify-state";
import { latestSeq, listLongAttention, listTouchedRequests, listWaitingOnAdmins, loadRequestsWithEpisodes } from "@/db/queries/notify-sources";
import { deriveFacts, digestFact, STUCK_AFTER_MS, type Fact } from "@/lib/notify/facts";
import { resolveRecipients, type Member } from "@/lib/notify/recipients";
import type { NotifyConfig } from "./config";

const CURSOR = "timeline-cursor";
/** How far behind the cursor each pass re-reads, for transactions that committed out of seq order. */
const OVERLAP = 500;

export type CollectResult = { facts: number; newMessages: number };

type Requester = { requestedBy: string | null; requestedByEmail: string | null };

function itemsFor(fact: Fact, request: Requester | null, members: Member[], followers: string[], config: NotifyConfig, now: Date): NewItem[] {
  const recipients = resolveRecipients({ audience: fact.audience, request, members, aliases: config.aliases, followers });
  return recipients.map(({ recipient, noOneToTell }) => ({
    idempotencyKey: `${fact.key}|${recipient}`,
    recipient,
    requestId: fact.data.requestId,
    kind: fact.kind,
    data: { ...fact.data, ...(noOneToTell ? { noOneToTell: true, requestedBy: request?.requestedBy ?? request?.requestedByEmail ?? null } : {}) },
    batchKey: fact.batch ? `request:${fact.data.requestId}` : fact.key,
    dueAt: new Date(now.getTime() + (fact.batch ? config.batchMs : 0)),
  }));
}

/**
 * Turns what the timeline says happened into items for the right people. Reads requests the timeline touched
 * since the stored cursor, plus requests stuck long enough; the first run only sets the cursor (an existing
 * library is not announced). The service the embedded runner calls every tick, with or without Inngest.
 */
export async function collectNotifications({ db, now, config }: { db: Db; now: Date; config: NotifyConfig }): Promise<CollectResult> {
  const since = new Date(String(await claimNotifyState({ db, key: "since", value: now.toISOString() })));
  const cursor = await getNotifyState({ db, key: CURSOR });
  if (typeof cursor !== "number") {
    await setNotifyState({ db, key: CURSOR, value: await latestSeq({ db }) });
    return { facts: 0, newMessages: 0 };
  }
  const touched = await listTouchedRequests({ db, afterSeq: cursor, overlap: OVERLAP });
  const stuck = await listLongAttention({ db, before: new Date(now.getTime() - STUCK_AFTER_MS) });
  const loaded = await loadRequestsWithEpisodes({ db, ids: [...new Set([...touched.requestIds, ...stuck])] });
  const [memberRows, followers] = await Promise.all([listMembers({ db }), listFollowers({ db, requestIds: loaded.map((l) => l.row.id) })]);
  const members: Member[] = memberRows.map((m) => ({ nameKey: m.nameKey, role: m.role }));
  const items: NewItem[] = [];
  let facts = 0;
  for (const { row, episodes } of loaded) {
    for (const fact of deriveFacts(row, episodes, now, since)) {
      facts += 1;
      items.push(...itemsFor(fact, row, members, followers.get(row.id) ?? [], config, now));
    }
  }
  const digest = await digestItems(db, now, config, members);
  items.push(...digest);
  const created = await addItems({ db, items, now, cursor: { key: CURSOR, value: Math.max(cursor, touched.maxSeq) } });
  return { facts: facts + (digest.length > 0 ? 1 : 0), newMessages: created.length };
}

/** Once a day, from NOTIFY_DIGEST_HOUR (UTC): what waits on the admins. */
async function digestItems(db: Db, now: Date, config: NotifyConfig, members: Member[]): Promise<NewItem[]> {
  if (now.getUTCHours() < config.digestHour) return [];
  const day = now.toISOString().slice(0, 10);
  if ((await getNotifyState({ db, key: "digest-day" })) === day) return [];
  await setNotifyState({ db, key: "digest-day", value: day });
  const waiting = (await listWaitingOnAdmins({ db })).map((w) => ({
    title: w.title,
    why: w.attentionReason ?? (w.stage === "requested" ? "waiting for approval" : w.stage),
  }));
  const fact = digestFact(day, waiting);
  return fact ? itemsFor(fact, null, members, [], config, now) : [];
}
