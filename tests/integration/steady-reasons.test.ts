import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { noClients, type Clients } from "@/lib/integrations/clients";
import { createSonarrClient } from "@/lib/integrations/sonarr/client";
import { runSweep } from "@/lib/workflows/sweep/sweep";
import { startFakeArr } from "../fakes/arr";
import { detail, onlyRequest, resetTables } from "../helpers/db";
import { hashes, jellyseerr, qbitFinished, sonarrGrab } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

let sonarr: Awaited<ReturnType<typeof startFakeArr>>;
let clients: Clients;
beforeAll(async () => {
  sonarr = await startFakeArr("sonarr");
  clients = { ...noClients, sonarr: createSonarrClient({ url: sonarr.url, apiKey: sonarr.arr.apiKey, timeoutMs: 2000 }) };
});
afterAll(() => sonarr.close());
beforeEach(async () => {
  await resetTables();
  Object.assign(sonarr.arr, {
    series: [{ id: 12, title: "Breaking Bad", tvdbId: 81189, seriesType: "standard" }],
    queue: [],
    history: [],
    episodes: [],
  });
});

const blocked = "One or more episodes expected in this release were not imported or missing from the release";

/**
 * A finished download Sonarr will not import, stuck for 24 h with a sweep every 2 min. Sonarr's own reason (from
 * its queue) and the tracker's generic "not imported" guess used to alternate on every sweep: 169 lines in 18 min.
 */
describe("steady reasons", () => {
  it("a request stuck for 24 h with sweeps every 2 min gets at most 3 timeline lines, and updatedAt stays put", async () => {
    await postWebhook("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 58, mediaType: "tv", tmdbId: 1396, tvdbId: 81189, seasons: [1] }));
    await postWebhook("sonarr", sonarrGrab({ hash: hashes.a, tvdbId: 81189, title: "Breaking Bad", episodes: [{ season: 1, episode: 1 }] }));
    await postWebhook("qbittorrent", null, { contentType: "application/x-www-form-urlencoded", raw: qbitFinished(hashes.a) });
    sonarr.arr.episodes = [{ seriesId: 12, seasonNumber: 1, episodeNumber: 1, airDateUtc: "2008-01-20T02:00:00Z" }];
    sonarr.arr.history = [{ ownerId: 12, eventType: "grabbed", downloadId: hashes.a, episode: { seasonNumber: 1, episodeNumber: 1 } }];
    const id = (await onlyRequest()).id;
    const before = (await detail(id)).timeline.length;
    const start = Date.now();

    const updatedAts = new Set<number>();
    // Every 2 min through the first 2 h (the reason is raised, then Sonarr's own one arrives); after that a
    // sweep's inputs no longer change with the clock, so the rest of the 24 h is sampled every 30 min to keep
    // the suite fast (one sweep costs ~0.2 s here).
    const minutes = [...Array.from({ length: 60 }, (_, i) => (i + 1) * 2), ...Array.from({ length: 44 }, (_, i) => 150 + i * 30)];
    for (const minute of minutes) {
      // Sonarr's queue shows the block from the first hour on; before that only the tracker's own check speaks.
      sonarr.arr.queue =
        minute >= 60
          ? [
              {
                downloadId: hashes.a,
                status: "completed",
                trackedDownloadStatus: "warning",
                trackedDownloadState: "importBlocked",
                statusMessages: [{ title: "Breaking.Bad.S01E01.mkv", messages: [blocked] }],
                episode: { seasonNumber: 1, episodeNumber: 1 },
              },
            ]
          : [];
      const report = await runSweep({ db: await getDb(), clients, now: new Date(start + minute * 60_000) });
      expect(report.errors).toEqual([]);
      if (minute > 120) updatedAts.add((await onlyRequest()).updatedAt.getTime());
    }

    const lines = (await detail(id)).timeline.slice(before);
    expect(lines.length, lines.map((l) => l.message).join("\n")).toBeLessThanOrEqual(3);
    // The specific reason wins and stays; the generic guess never replaces it.
    expect(await onlyRequest()).toMatchObject({ attentionKind: "import_blocked", attentionReason: `Import blocked: ${blocked}` });
    expect(lines.map((l) => l.message)).toContain(`Import blocked: ${blocked}`);
    // Once the reason stands, the sweeps change nothing: one updatedAt for the last 22 hours.
    expect(updatedAts.size).toBe(1);
  }, 120_000);
});
