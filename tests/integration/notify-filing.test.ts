import { asc } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { addItems, type NewItem } from "@/db/queries/notify-messages";
import { notifyItems, notifyMessages } from "@/db/schema";
import { watchDatabaseWrites } from "../helpers/database-writes";
import { resetTables } from "../helpers/db";
import { resetNotifyTables } from "../helpers/notify-world";

beforeEach(async () => {
  await resetTables();
  await resetNotifyTables();
});

const now = new Date("2026-12-03T12:00:00Z");
const inMinutes = (n: number) => new Date(now.getTime() + n * 60_000);

function item(recipient: string, n: number, batch: Partial<NewItem> = {}): NewItem {
  return {
    idempotencyKey: `fact-${n}|${recipient}`,
    recipient,
    requestId: null,
    kind: "available",
    data: { n },
    batchKey: `fact-${n}`,
    dueAt: now,
    ...batch,
  };
}

async function messages() {
  return (await getDb()).select().from(notifyMessages).orderBy(asc(notifyMessages.id));
}

describe("filing notification items", () => {
  it("joins each recipient's open batch, starts the rest, and brings a batch forward, as items come in order", async () => {
    const db = await getDb();
    await addItems({ db, now, items: [item("alex", 1, { batchKey: "request:1", dueAt: inMinutes(2) })] });
    const [open] = await messages();

    await addItems({
      db,
      now,
      items: [
        item("alex", 2, { batchKey: "request:1", dueAt: inMinutes(2) }), // joins the open batch
        item("alex", 3, { batchKey: "request:1:day", alsoJoin: ["request:1"], dueAt: inMinutes(30) }), // joins it too
        item("sam", 4, { batchKey: "request:1", dueAt: inMinutes(2) }), // another recipient: a batch of its own
        item("sam", 5, { batchKey: "request:1", dueAt: inMinutes(2) }), // joins the one just started
        item("alex", 6, { batchKey: "request:1", dueAt: inMinutes(1), advanceDue: true }), // brings alex's forward
        item("alex", 7), // due now: a message of its own
        item("alex", 7), // the same key twice: filed once
      ],
    });

    const rows = await messages();
    expect(rows.map((m) => [m.recipient, m.batchKey, m.dueAt.toISOString()])).toEqual([
      ["alex", "request:1", inMinutes(1).toISOString()],
      ["sam", "request:1", inMinutes(2).toISOString()],
      ["alex", "fact-7", now.toISOString()],
    ]);
    const items = await db.select().from(notifyItems).orderBy(asc(notifyItems.id));
    const messageOf = (n: number) => items.find((i) => i.idempotencyKey.startsWith(`fact-${n}|`))?.messageId;
    expect([1, 2, 3, 6].map(messageOf)).toEqual([open?.id, open?.id, open?.id, open?.id]);
    expect([4, 5].map(messageOf)).toEqual([rows[1]?.id, rows[1]?.id]);
    expect(messageOf(7)).toBe(rows[2]?.id);
    expect(items).toHaveLength(7);
  });

  it("files many items in a handful of statements, not a few for each item", async () => {
    const db = await getDb();
    const batch = (from: number) =>
      ["alex", "sam", "kim"].flatMap((recipient) =>
        Array.from({ length: 10 }, (_, i) => item(recipient, from + i, { batchKey: `request:${(from + i) % 4}`, dueAt: inMinutes(2) })),
      );
    await addItems({ db, now, items: batch(0) }); // prepares the statements
    let writes = 0;
    await watchDatabaseWrites(
      () => addItems({ db, now, items: batch(100) }),
      () => {
        writes += 1;
      },
    );
    // Begin, the known keys, the open batches, the new messages, the items, their wake-ups, commit: one item after
    // another took three statements each (90 here).
    expect(writes).toBeLessThanOrEqual(12);
    expect(await db.select().from(notifyItems)).toHaveLength(60);
  });
});
