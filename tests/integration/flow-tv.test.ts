import { beforeEach, describe, expect, it } from "vitest";
import { detail, onlyRequest, resetTables } from "../helpers/db";
import { hashes, jellyfinEpisode, jellyseerr, qbitFinished, sonarrGrab, sonarrImport, sonarrImportComplete } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

beforeEach(resetTables);

const form = { contentType: "application/x-www-form-urlencoded" };
const season1 = Array.from({ length: 4 }, (_, i) => ({ season: 1, episode: i + 1 }));
const straggler = { season: 1, episode: 5 };
const series = { tvdbId: 81189, tmdbId: 1396, title: "Breaking Bad", type: "standard" };

async function expectStage(stage: string, counts?: Record<string, number>) {
  const request = await onlyRequest();
  expect(request.stage).toBe(stage);
  if (counts) expect(request.episodeCounts).toEqual(counts);
  return request;
}

describe("regular tv: a season pack plus a straggler in a second torrent", () => {
  it("tracks every episode separately and becomes available only when all are in Jellyfin", async () => {
    const ok = async (source: string, body: unknown, options = {}) => {
      const res = await postWebhook(source, body, options);
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    };
    await ok("jellyseerr", jellyseerr("MEDIA_PENDING", { mediaType: "tv", requestId: 58, tmdbId: 1396, tvdbId: 81189, seasons: [1] }));
    await expectStage("requested");
    await ok("jellyseerr", jellyseerr("MEDIA_APPROVED", { mediaType: "tv", requestId: 58, tmdbId: 1396, tvdbId: 81189, seasons: [1] }));
    await expectStage("approved");

    await ok("sonarr", sonarrGrab({ ...series, hash: hashes.a, episodes: season1 }));
    await expectStage("grabbing", { grabbing: 4 });
    await ok("sonarr", sonarrGrab({ ...series, hash: hashes.b, episodes: [straggler] }));
    await expectStage("grabbing", { grabbing: 5 });

    await ok("qbittorrent", null, { ...form, raw: qbitFinished(hashes.b) });
    // The headline is the bottleneck: four episodes are still only grabbed.
    await expectStage("grabbing", { grabbing: 4, downloaded: 1 });
    await ok("sonarr", sonarrImport({ ...series, hash: hashes.b, episodes: [straggler] }));
    await expectStage("grabbing", { grabbing: 4, importing: 1 });
    await ok("jellyfin", jellyfinEpisode({ season: 1, episode: 5 }), { contentType: "text/plain" });
    await expectStage("grabbing", { grabbing: 4, available: 1 });

    await ok("qbittorrent", null, { ...form, raw: qbitFinished(hashes.a) });
    await expectStage("downloaded", { downloaded: 4, available: 1 });
    await ok("sonarr", sonarrImportComplete({ ...series, hash: hashes.a, episodes: season1 }));
    await expectStage("importing", { importing: 4, available: 1 });
    for (const e of season1.slice(0, 3)) {
      await ok("jellyfin", jellyfinEpisode({ season: 1, episode: e.episode }), { contentType: "text/plain" });
    }
    await expectStage("importing", { importing: 1, available: 4 });
    await ok("jellyfin", jellyfinEpisode({ season: 1, episode: 4 }), { contentType: "text/plain" });
    // No Sonarr connected here: the season's episode list is unknown, so five ready episodes are not "complete".
    const request = await expectStage("partially_available", { available: 5 });

    const { episodes, timeline, downloads } = await detail(request.id);
    expect(episodes.map((e) => `${e.episodeNumber}:${e.downloadHash?.slice(0, 4)}`)).toEqual(["1:8c21", "2:8c21", "3:8c21", "4:8c21", "5:0f1e"]);
    expect(downloads.map((d) => d.status)).toEqual(["imported", "imported"]);
    expect(timeline.map((t) => t.stage)).toEqual([
      "requested",
      "approved",
      "grabbing",
      "grabbing",
      "grabbing",
      "grabbing",
      "grabbing",
      "downloaded",
      "importing",
      "importing",
      "importing",
      "importing",
      "partially_available",
    ]);
    expect(timeline[6]?.message).toBe("S01E05 is in Jellyfin and ready to watch");
  });
});
