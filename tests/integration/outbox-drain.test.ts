import { beforeEach, describe, expect, it } from "vitest";
import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { outbox } from "@/db/schema";
import { drainOutbox, type OutgoingEvent } from "@/lib/workflows/outbox";
import { resetTables } from "../helpers/db";
import { hashes, radarrGrab, radarrImport } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

beforeEach(resetTables);

describe("outbox drainer", () => {
  it("keeps every row through a failed send, then sends each exactly once with the outbox id as event id", async () => {
    await postWebhook("radarr", radarrGrab({ hash: hashes.c }));
    await postWebhook("radarr", radarrImport({ hash: hashes.c }));
    const db = await getDb();
    const now = new Date();

    const failed = await drainOutbox({ db, now, send: async () => Promise.reject(new Error("Inngest unreachable")) });
    expect(failed).toEqual({ sent: 0, failed: 1 });
    const [row] = await db.select().from(outbox);
    expect(row).toMatchObject({ attempts: 1, lastError: "Inngest unreachable", sentAt: null });
    expect(row!.availableAt.getTime()).toBeGreaterThan(now.getTime());

    const sent: OutgoingEvent[] = [];
    const send = async (events: OutgoingEvent[]) => void sent.push(...events);
    expect(await drainOutbox({ db, now, send })).toEqual({ sent: 0, failed: 0 }); // still backing off
    const later = new Date(row!.availableAt.getTime() + 1);
    expect(await drainOutbox({ db, now: later, send })).toEqual({ sent: 1, failed: 0 });
    expect(await drainOutbox({ db, now: later, send })).toEqual({ sent: 0, failed: 0 });
    expect(sent).toEqual([
      { id: `outbox-${row!.id}`, name: "tracker/import.completed", data: expect.objectContaining({ isAnime: false, mediaType: "movie" }) },
    ]);
    const [done] = await db.select().from(outbox).orderBy(asc(outbox.id));
    expect(done?.sentAt).not.toBeNull();
  });
});
