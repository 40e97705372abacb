import "server-only";
import type { Db } from "@/db/client";
import { listFollowers } from "@/db/queries/notify-follows";
import { listMembers } from "@/db/queries/notify-members";
import { addItems, type NewItem } from "@/db/queries/notify-messages";
import { claimNotifyState, getNotifyState, setNotifyState } from "@/db/queries/notify-state";
import { latestSeq, listLongAttention, listTimelineRowsAfter, listWaitingOnAdmins, loadRequestsWithEpisodes } from "@/db/queries/notify-sources";
import { SeqTracker } from "@/lib/live/seq-tracker";
import { deriveFacts, digestFact, RELEASE_DAY_WAIT_MS, STUCK_AFTER_MS, type Fact } from "@/lib/notify/facts";
import { resolveRecipients, type Member } from "@/lib/notify/recipients";
import type { NotifyConfig } from "./config";

const CURSOR = "timeline-cursor";
/**
 * How far behind the stored cursor a process's first pass reads, for transactions that committed out of seq order
 * (reading a row twice says nothing twice: the facts it yields are keyed).
 */
const OVERLAP = 500;

/** What this process has read of the timeline, and the stored cursor it read from; the cursor moved elsewhere: start over. */
type TimelineReader = { tracker: SeqTracker; cursor: number };
const readers = new WeakMap<Db, TimelineReader>();

/**
 * Requests touched by timeline rows this process has not read yet, and the newest seq. After its first pass a process
 * reads only the rows past the newest one it read and the seqs it found missing (a transaction that had not committed):
 * re-reading the last OVERLAP rows every pass loaded the same requests again every second while the house was busy.
 * When the stored cursor is not the one this process left (another instance, a failed pass), it starts over from it.
 */
async function touchedRequests(db: Db, cursor: number, now: number) {
  let reader = readers.get(db);
  if (reader?.cursor !== cursor) {
    reader = { tracker: new SeqTracker(Math.max(0, cursor - OVERLAP)), cursor };
    readers.set(db, reader);
  }
  const { tracker } = reader;
  // Until the pass has stored where it got to, a failure must make the next pass read these rows again.
  reader.cursor = Number.NaN;
  const rows = await listTimelineRowsAfter({ db, afterSeq: tracker.lastSeq, gaps: tracker.pendingGaps(now) });
  const fresh = new Set(
    tracker.accept(
      rows.map((r) => r.seq),
      now,
    ),
  );
  const requestIds = rows.flatMap((r) => (fresh.has(r.seq) && r.requestId !== null ? [r.requestId] : []));
  return { requestIds, maxSeq: tracker.lastSeq, done: (stored: number) => (reader.cursor = stored) };
}

/** `examined`: requests whose facts the pass derived (touched since the last pass, or stuck). */
export type CollectResult = { facts: number; newMessages: number; examined: number };

type Requester = { requestedBy: string | null; requestedByEmail: string | null };

/**
 * Which message an item goes into, and when that message is due. Batched facts share their request's window
 * message. A later episode of an airing season goes into its release day's message when one is held; else
 * into the request's open window; else it starts its day's message, which waits for the day's other episodes
 * (at most RELEASE_DAY_WAIT_MS) and is due one window after the day is complete.
 */
function batchingOf(fact: Fact, config: NotifyConfig, now: Date): Pick<NewItem, "batchKey" | "alsoJoin" | "dueAt" | "advanceDue"> {
  if (!fact.batch) return { batchKey: fact.key, dueAt: now };
  const window = new Date(now.getTime() + config.batchMs);
  const requestKey = `request:${fact.data.requestId}`;
  if (!fact.release) return { batchKey: requestKey, dueAt: window };
  const dayKey = `${requestKey}:season:${fact.data.season}:day:${fact.release.day}`;
  if (!fact.release.complete) return { batchKey: dayKey, alsoJoin: [requestKey], dueAt: new Date(now.getTime() + RELEASE_DAY_WAIT_MS) };
  return { batchKey: dayKey, alsoJoin: [requestKey], dueAt: window, advanceDue: true };
}

function itemsFor(fact: Fact, request: Requester | null, members: Member[], followers: string[], config: NotifyConfig, now: Date): NewItem[] {
  const recipients = resolveRecipients({ audience: fact.audience, request, members, aliases: config.aliases, followers });
  const batching = batchingOf(fact, config, now);
  return recipients.map(({ recipient, noOneToTell }) => ({
    idempotencyKey: `${fact.key}|${recipient}`,
    recipient,
    requestId: fact.data.requestId,
    kind: fact.kind,
    data: { ...fact.data, ...(noOneToTell ? { noOneToTell: true, requestedBy: request?.requestedBy ?? request?.requestedByEmail ?? null } : {}) },
    ...batching,
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
    return { facts: 0, newMessages: 0, examined: 0 };
  }
  const touched = await touchedRequests(db, cursor, now.getTime());
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
  items.push(...digest.items);
  // An idle tick writes nothing: the cursor is stored only when it moves (a write every second would keep a NAS's
  // disk awake for nothing).
  const storedCursor = Math.max(cursor, touched.maxSeq);
  const state = [...(storedCursor > cursor ? [{ key: CURSOR, value: storedCursor }] : []), ...digest.state];
  const examined = loaded.length;
  if (items.length === 0 && state.length === 0) {
    touched.done(storedCursor);
    return { facts, newMessages: 0, examined };
  }
  const created = await addItems({ db, items, now, state });
  touched.done(storedCursor);
  return { facts: facts + (digest.items.length > 0 ? 1 : 0), newMessages: created.length, examined };
}

const DIGEST_DAY = "digest-day";

/**
 * Once a day, from NOTIFY_DIGEST_HOUR (UTC): what waits on the admins. The day is marked done in the same
 * transaction as the digest's items, so a crash in between neither loses nor repeats it.
 */
async function digestItems(db: Db, now: Date, config: NotifyConfig, members: Member[]) {
  const none = { items: [] as NewItem[], state: [] as { key: string; value: unknown }[] };
  if (now.getUTCHours() < config.digestHour) return none;
  const day = now.toISOString().slice(0, 10);
  if ((await getNotifyState({ db, key: DIGEST_DAY })) === day) return none;
  const waiting = (await listWaitingOnAdmins({ db })).map((w) => ({
    title: w.title,
    why: w.attentionReason ?? (w.stage === "requested" ? "waiting for approval" : w.stage),
  }));
  const fact = digestFact(day, waiting);
  return { items: fact ? itemsFor(fact, null, members, [], config, now) : [], state: [{ key: DIGEST_DAY, value: day }] };
}
