import { beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { QbitClient } from "@/lib/integrations/qbittorrent/client";
import type { QbitTorrent } from "@/lib/integrations/qbittorrent/schema";
import { drainOutbox } from "@/lib/workflows/outbox";
import { pollDownloads } from "@/lib/workflows/poller";
import { contract } from "../helpers/contracts";
import { onlyRequest, resetTables } from "../helpers/db";
import { hashes, radarrGrab, radarrImport } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

beforeEach(resetTables);

/**
 * Sessions of this database waiting inside a transaction (idle in transaction: a transaction held open across a call),
 * other than the one asking. A statement running on its own at that moment (a timer's write) is not one.
 */
async function openTransactions(): Promise<number> {
  const db = await getDb();
  const rows = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%' and pid <> pg_backend_pid()`,
  );
  const list = (Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows) as { n: number }[];
  return list[0]?.n ?? -1;
}

/**
 * On the embedded database a transaction held across a slow upstream call blocked every other query (1.96 s
 * behind a 2 s wait). While the upstream is being asked, no session of ours may sit inside a transaction.
 */
describe("no transaction is held across a network call", () => {
  it("the poller asks qBittorrent with no transaction open, then applies what it said", async () => {
    const hash = hashes.b.toLowerCase();
    await postWebhook("radarr", radarrGrab({ hash: hashes.b, tmdbId: 603 }));
    const [sample] = contract<QbitTorrent[]>("qbit-torrents-info");
    const seen: number[] = [];
    const qbit: QbitClient = {
      version: async () => "v4.5.2",
      torrents: async () => {
        seen.push(await openTransactions());
        await new Promise((r) => setTimeout(r, 300));
        return [{ ...(sample as QbitTorrent), hash }];
      },
      deleteTorrents: async () => undefined,
    };
    expect(await pollDownloads({ db: await getDb(), qbit })).toMatchObject({ outcome: "polled", events: 1 });
    expect(seen).toEqual([0]);
    expect((await onlyRequest()).stage).toBe("downloading");
  });

  it("the outbox drain sends with no transaction open and marks the rows sent after", async () => {
    await postWebhook("radarr", radarrGrab({ hash: hashes.c }));
    await postWebhook("radarr", radarrImport({ hash: hashes.c }));
    const seen: number[] = [];
    const result = await drainOutbox({ db: await getDb(), send: async () => void seen.push(await openTransactions()) });
    expect(result).toEqual({ sent: 1, failed: 0 });
    expect(seen).toEqual([0]);
  });
});
