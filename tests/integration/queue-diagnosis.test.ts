import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { noClients } from "@/lib/integrations/clients";
import { createSonarrClient } from "@/lib/integrations/sonarr/client";
import { runSweep } from "@/lib/workflows/sweep/sweep";
import { startFakeArr } from "../fakes/arr";
import { detail, onlyRequest, resetTables } from "../helpers/db";
import { hashes, sonarrGrab } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

let sonarr: Awaited<ReturnType<typeof startFakeArr>>;
beforeAll(async () => {
  sonarr = await startFakeArr("sonarr");
});
afterAll(async () => sonarr?.close());
beforeEach(async () => {
  await resetTables();
  sonarr.arr.queue = [];
});

async function sweep() {
  const clients = { ...noClients, sonarr: createSonarrClient({ url: sonarr.url, apiKey: sonarr.arr.apiKey, timeoutMs: 5000 }) };
  return runSweep({ db: await getDb(), clients });
}

describe("Sonarr queue diagnosis", () => {
  it("reads every page of the queue (never only the default 10) and words the problem plainly", async () => {
    await postWebhook("sonarr", sonarrGrab({ hash: hashes.a, episodes: [{ season: 1, episode: 1 }] }));
    sonarr.arr.queue = [
      ...Array.from({ length: 12 }, (_, i) => ({ downloadId: String(i).padStart(40, "9") })),
      { downloadId: hashes.a, trackedDownloadStatus: "warning", errorMessage: "The download is stalled with no connections" },
    ];
    expect((await sweep()).errors).toEqual([]);
    expect(await onlyRequest()).toMatchObject({ attentionKind: "stalled", attentionReason: "Stalled: no connections" });
    expect(sonarr.calls.filter((c) => c.path === "/api/v3/queue").map((c) => c.query.get("pageSize"))).toEqual(["200"]);
  });

  it("turns importBlocked status messages into an attention reason and clears it once the queue is healthy", async () => {
    await postWebhook("sonarr", sonarrGrab({ hash: hashes.a, episodes: [{ season: 1, episode: 1 }] }));
    sonarr.arr.queue = [
      {
        downloadId: hashes.a,
        status: "completed",
        trackedDownloadStatus: "warning",
        trackedDownloadState: "importBlocked",
        statusMessages: [{ title: "Release.S01E01.mkv", messages: ["No files found are eligible for import"] }],
      },
    ];
    await sweep();
    expect(await onlyRequest()).toMatchObject({
      attentionKind: "import_blocked",
      attentionReason: "Import blocked: No files found are eligible for import",
    });
    await sweep();
    const lines = (await detail((await onlyRequest()).id)).timeline.filter((t) => t.event === "attention.raised");
    expect(lines).toHaveLength(1);

    sonarr.arr.queue = [{ downloadId: hashes.a }];
    await sweep();
    const cleared = await onlyRequest();
    expect(cleared.attentionKind).toBeNull();
    expect((await detail(cleared.id)).timeline.at(-1)?.message).toBe("The download queue no longer reports a problem");
  });
});
