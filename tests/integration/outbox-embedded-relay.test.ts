import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/db/client";
import { outbox, pendingChecks } from "@/db/schema";
import { createJellyfinLibrary } from "@/lib/integrations/jellyfin/library";
import { noClients } from "@/lib/integrations/clients";
import { relayOutbox } from "@/lib/workflows/embedded";
import { startFakeJellyfin } from "../fakes/jellyfin";
import { onlyRequest, resetTables } from "../helpers/db";
import { jellyseerr, radarrGrab, radarrImport } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

let jf: Awaited<ReturnType<typeof startFakeJellyfin>>;
beforeAll(async () => {
  jf = await startFakeJellyfin();
});
afterAll(() => jf.close());
beforeEach(resetTables);

describe("embedded outbox relay", () => {
  // The check calls Jellyfin: it runs after the drain's transaction, never inside it.
  it("starts the verify chain as a due row and checks once IMPORT_WAIT has passed, after the drain committed", async () => {
    const hash = "5555555555555555555555555555555555555555";
    await postWebhook("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 91, tmdbId: 603, subject: "The Matrix (1999)" }));
    await postWebhook("radarr", radarrGrab({ hash, tmdbId: 603 }));
    await postWebhook("radarr", radarrImport({ hash, tmdbId: 603 }));
    jf.jellyfin.items = [
      { Id: "f".repeat(32), Name: "The Matrix", Type: "Movie", ProviderIds: { Tmdb: "603" }, Path: "/movies/m.mkv", playable: true },
    ];
    const clients = { ...noClients, jellyfin: createJellyfinLibrary({ url: jf.url, apiKey: jf.jellyfin.apiKey, timeoutMs: 2000 }) };

    let clock = new Date();
    const timeout = () => new Promise((_, reject) => setTimeout(() => reject(new Error("relay did not finish")), 10_000));
    await Promise.race([relayOutbox(getDatabase, clients, null, () => clock), timeout()]);
    expect((await onlyRequest()).stage).toBe("importing");
    const [check] = await (await getDb()).select().from(pendingChecks);
    expect(check?.dueAt.getTime()).toBe(clock.getTime() + 2 * 60_000); // IMPORT_WAIT, like the Inngest function's wait

    clock = new Date(clock.getTime() + 2 * 60_000);
    await Promise.race([relayOutbox(getDatabase, clients, null, () => clock), timeout()]);
    expect((await onlyRequest()).stage).toBe("available");
    expect(await (await getDb()).select().from(pendingChecks)).toEqual([]);
    const rows = await (await getDb()).select().from(outbox);
    const imported = rows.filter((r) => r.name === "tracker/import.completed");
    expect(imported).toHaveLength(1);
    expect(imported[0]?.sentAt).not.toBeNull();
  });
});
