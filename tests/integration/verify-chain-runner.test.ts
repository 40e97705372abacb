import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, getDatabase, getDb } from "@/db/client";
import { claimDuePendingChecks, listPendingChecks } from "@/db/queries/pending-checks";
import { noClients, type Clients } from "@/lib/integrations/clients";
import { createJellyfinLibrary } from "@/lib/integrations/jellyfin/library";
import { runDueChecks } from "@/lib/workflows/check-runner";
import { relayOutbox } from "@/lib/workflows/embedded";
import { CHAIN_SUMMARY, recheckBackoffMs } from "@/lib/workflows/verify-chain";
import { startFakeJellyfin } from "../fakes/jellyfin";
import { onlyRequest, resetTables } from "../helpers/db";
import { hashes, jellyseerr, radarrGrab, radarrImport } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

let jf: Awaited<ReturnType<typeof startFakeJellyfin>>;
let clients: Clients;
beforeAll(async () => {
  jf = await startFakeJellyfin();
  clients = { ...noClients, jellyfin: createJellyfinLibrary({ url: jf.url, apiKey: jf.jellyfin.apiKey, timeoutMs: 2000 }) };
});
afterAll(() => jf.close());
beforeEach(async () => {
  await resetTables();
  Object.assign(jf.jellyfin, { items: [], mediaUpdated: [], refreshes: 0 });
});

async function importedMovie(): Promise<void> {
  await postWebhook("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 57, tmdbId: 603, subject: "The Matrix (1999)" }));
  await postWebhook("radarr", radarrGrab({ hash: hashes.c, tmdbId: 603 }));
  await postWebhook("radarr", radarrImport({ hash: hashes.c, tmdbId: 603 }));
}

describe("the embedded verify chain is rows in the database", () => {
  it("follows the Inngest function's chain — wait, look up, rescan, back off 30s/1m/2m/5m/10m, full scan, raise — across restarts", async () => {
    await importedMovie();
    const t0 = new Date();
    await relayOutbox(getDatabase, clients, null, () => t0);
    let [row] = await listPendingChecks({ db: await getDb() });
    expect(row).toMatchObject({ attempt: 0, dueAt: new Date(t0.getTime() + 2 * 60_000) });

    // Every step runs in a "new process": the database connection is closed and opened again in between.
    const dues: number[] = [];
    while (row) {
      await closeDatabase();
      dues.push(row.dueAt.getTime() - t0.getTime());
      expect(await runDueChecks({ db: await getDb(), clients, now: new Date(row.dueAt.getTime() - 1000) })).toBe(0); // not due yet
      expect(await runDueChecks({ db: await getDb(), clients, now: row.dueAt })).toBe(1);
      [row] = await listPendingChecks({ db: await getDb() });
    }
    const wait = 2 * 60_000;
    const expected = [wait];
    for (const ms of recheckBackoffMs) expected.push((expected.at(-1) ?? 0) + ms);
    expect(dues).toEqual(expected);
    expect(jf.jellyfin.mediaUpdated.length).toBe(1); // the targeted rescan, once
    expect(jf.jellyfin.refreshes).toBe(1); // the last-resort full scan, once
    const request = await onlyRequest();
    expect(request.attentionKind).toBe("not_found_in_library");
    expect(request.attentionReason).toContain(CHAIN_SUMMARY);
  });

  it("a check claimed by a runner that died is picked up again once its claim runs out", async () => {
    await importedMovie();
    const t0 = new Date();
    await relayOutbox(getDatabase, clients, null, () => t0);
    const due = new Date(t0.getTime() + 2 * 60_000);
    expect(await claimDuePendingChecks({ db: await getDb(), now: due, leaseMs: 5 * 60_000, limit: 10 })).toHaveLength(1); // then "crashes"
    jf.jellyfin.items = [{ Id: "m1", Name: "The Matrix", Type: "Movie", ProviderIds: { Tmdb: "603" }, Path: "/movies/m.mkv", playable: true }];
    expect(await runDueChecks({ db: await getDb(), clients, now: new Date(due.getTime() + 60_000) })).toBe(0);
    expect(await runDueChecks({ db: await getDb(), clients, now: new Date(due.getTime() + 5 * 60_000 + 1000) })).toBe(1);
    expect((await onlyRequest()).stage).toBe("available");
    expect(await listPendingChecks({ db: await getDb() })).toEqual([]);
  });
});
