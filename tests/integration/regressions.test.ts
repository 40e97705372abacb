import { beforeEach, describe, expect, it } from "vitest";
import { allRequests, deliveries, detail, onlyRequest, resetTables } from "../helpers/db";
import {
  hashes,
  jellyfinEpisode,
  jellyfinMovie,
  jellyseerr,
  qbitFinished,
  radarrGrab,
  radarrImport,
  sonarrGrab,
  sonarrImport,
} from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

beforeEach(resetTables);

async function ok(source: string, body: unknown, options = {}) {
  const res = await postWebhook(source, body, options);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json;
}
const form = { contentType: "application/x-www-form-urlencoded" };
const show = { tvdbId: 81189, tmdbId: 1396, title: "Breaking Bad", type: "standard" };

describe("regressions", () => {
  it("an import webhook before the download looked finished completes the download", async () => {
    await ok("radarr", radarrGrab({ hash: hashes.c }));
    await ok("radarr", radarrImport({ hash: hashes.c }));
    const request = await onlyRequest();
    expect(request.stage).toBe("importing");
    expect((await detail(request.id)).downloads).toMatchObject([{ status: "imported", progress: 1 }]);
  });

  it("a torrent complete at first sight goes straight to downloaded", async () => {
    await ok("qbittorrent", null, { ...form, raw: qbitFinished(hashes.c) });
    expect(await allRequests()).toHaveLength(0);
    await ok("radarr", radarrGrab({ hash: hashes.c }));
    expect((await onlyRequest()).stage).toBe("downloaded");
  });

  it("two active requests for one show (S1, S2) stay two with interleaved grabs", async () => {
    await ok("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { mediaType: "tv", requestId: 1, tvdbId: 81189, tmdbId: 1396, seasons: [1] }));
    await ok("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { mediaType: "tv", requestId: 2, tvdbId: 81189, tmdbId: 1396, seasons: [2] }));
    await ok("sonarr", sonarrGrab({ ...show, hash: hashes.a, episodes: [{ season: 1, episode: 1 }] }));
    await ok("sonarr", sonarrGrab({ ...show, hash: hashes.b, episodes: [{ season: 2, episode: 1 }] }));
    await ok("sonarr", sonarrGrab({ ...show, hash: hashes.c, episodes: [{ season: 1, episode: 2 }] }));
    await ok("sonarr", sonarrImport({ ...show, hash: hashes.b, episodes: [{ season: 2, episode: 1 }] }));
    const [s1, s2] = await allRequests();
    expect(s1).toMatchObject({ jellyseerrRequestId: 1, stage: "grabbing", episodeCounts: { grabbing: 2 } });
    expect(s2).toMatchObject({ jellyseerrRequestId: 2, stage: "importing", episodeCounts: { importing: 1 } });
  });

  it("a Jellyseerr request for S2 while S1 is in progress is a second request", async () => {
    await ok("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { mediaType: "tv", requestId: 10, tvdbId: 81189, seasons: [1] }));
    await ok("sonarr", sonarrGrab({ ...show, hash: hashes.a, episodes: [{ season: 1, episode: 1 }] }));
    await ok("jellyseerr", jellyseerr("MEDIA_PENDING", { mediaType: "tv", requestId: 11, tvdbId: 81189, seasons: [2] }));
    const rows = await allRequests();
    expect(rows.map((r) => [r.jellyseerrRequestId, r.stage, r.requestedSeasons])).toEqual([
      [10, "grabbing", [1]],
      [11, "requested", [2]],
    ]);
  });

  it("a Jellyseerr request adopts the request a Sonarr grab created before it arrived", async () => {
    await ok("sonarr", sonarrGrab({ ...show, hash: hashes.a, episodes: [{ season: 1, episode: 1 }] }));
    await ok("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { mediaType: "tv", requestId: 12, tvdbId: 81189, seasons: [1], user: "Sam" }));
    expect(await onlyRequest()).toMatchObject({ jellyseerrRequestId: 12, requestedBy: "Sam", stage: "grabbing", source: "sonarr" });
  });

  it("ItemAdded for one episode makes only that episode available", async () => {
    const eps = [1, 2, 3].map((episode) => ({ season: 1, episode }));
    await ok("sonarr", sonarrGrab({ ...show, hash: hashes.a, episodes: eps }));
    await ok("jellyfin", jellyfinEpisode({ season: 1, episode: 2 }), { contentType: "text/plain" });
    const request = await onlyRequest();
    expect(request).toMatchObject({ stage: "grabbing", episodeCounts: { grabbing: 2, available: 1 } });
    expect((await detail(request.id)).episodes.map((e) => e.stage)).toEqual(["grabbing", "available", "grabbing"]);
  });

  it("a multi-episode file imports and appears as both episodes", async () => {
    const pair = [
      { season: 1, episode: 1 },
      { season: 1, episode: 2 },
    ];
    await ok("sonarr", sonarrGrab({ ...show, hash: hashes.a, episodes: pair }));
    await ok("sonarr", sonarrImport({ ...show, hash: hashes.a, episodes: pair }));
    expect(await onlyRequest()).toMatchObject({ stage: "importing", episodeCounts: { importing: 2 } });
    await ok("jellyfin", jellyfinEpisode({ season: 1, episode: 1, episodeEnd: 2, tvdbId: null, seriesName: "Breaking Bad" }), {
      contentType: "text/plain",
    });
    // Without Sonarr's episode list two ready episodes are "partly available", never a complete season.
    expect(await onlyRequest()).toMatchObject({ stage: "partially_available", episodeCounts: { available: 2 } });
  });

  it("a repeated delivery is a no-op and an out-of-order one never moves backwards", async () => {
    const grab = radarrGrab({ hash: hashes.c });
    await ok("radarr", grab);
    const again = await ok("radarr", grab);
    expect(again).toMatchObject({ duplicate: true, applied: [] });
    await ok("jellyfin", jellyfinMovie({ tmdbId: 603 }), { contentType: "text/plain" });
    await ok("radarr", radarrImport({ hash: hashes.c }));
    await ok("qbittorrent", null, { ...form, raw: qbitFinished(hashes.c) });
    await ok("jellyseerr", jellyseerr("MEDIA_APPROVED", { requestId: 57, tmdbId: 603 }));
    const request = await onlyRequest();
    expect(request.stage).toBe("available");
    expect((await detail(request.id)).timeline).toHaveLength(5);
    expect((await deliveries()).map((d) => d.status)).toEqual(["applied", "applied", "applied", "applied", "applied"]);
  });

  it("matches hashes whatever their case", async () => {
    await ok("sonarr", sonarrGrab({ ...show, hash: hashes.a.toUpperCase(), episodes: [{ season: 1, episode: 1 }] }));
    await ok("qbittorrent", { hash: hashes.a.toLowerCase() });
    expect((await onlyRequest()).stage).toBe("downloaded");
  });

  it("a Radarr upgrade grab of an available movie keeps it available", async () => {
    await ok("radarr", radarrGrab({ hash: hashes.c }));
    await ok("jellyfin", jellyfinMovie({ tmdbId: 603 }), { contentType: "text/plain" });
    await ok("radarr", radarrGrab({ hash: hashes.d }));
    await ok("radarr", radarrImport({ hash: hashes.d, upgrade: true }));
    const request = await onlyRequest();
    expect(request.stage).toBe("available");
    const { downloads, timeline } = await detail(request.id);
    expect(downloads).toHaveLength(2);
    expect(timeline.at(-2)?.message).toContain("grabbed an upgrade for the movie");
    expect(timeline.at(-1)?.message).toContain("imported an upgrade of the movie");
  });

  it("two Jellyseerr requests for one movie stay two, and Jellyfin makes both available", async () => {
    await ok("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 1, tmdbId: 603, user: "Alex" }));
    await ok("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 2, tmdbId: 603, user: "Sam" }));
    await ok("radarr", radarrGrab({ hash: hashes.c }));
    await ok("jellyfin", jellyfinMovie({ tmdbId: 603 }), { contentType: "text/plain" });
    expect((await allRequests()).map((r) => [r.requestedBy, r.stage])).toEqual([
      ["Alex", "available"],
      ["Sam", "available"],
    ]);
  });

  it("concurrent first deliveries about one movie create exactly one request", async () => {
    const all = await Promise.all(Array.from({ length: 12 }, (_, i) => postWebhook("radarr", radarrGrab({ hash: String(i).padStart(40, "a") }))));
    expect(all.map((r) => r.status)).toEqual(all.map(() => 200));
    const request = await onlyRequest();
    expect((await detail(request.id)).downloads).toHaveLength(12);
  });

  it("a blocked import raises attention in plain words, and the import clears it", async () => {
    await ok("sonarr", sonarrGrab({ ...show, hash: hashes.b, episodes: [{ season: 1, episode: 6 }] }));
    const { sonarrBlocked } = await import("../helpers/payloads");
    await ok("sonarr", sonarrBlocked({ ...show, hash: hashes.b, episodes: [{ season: 1, episode: 6 }] }));
    const blocked = await onlyRequest();
    expect(blocked).toMatchObject({ stage: "downloaded", attentionKind: "import_blocked" });
    expect(blocked.attentionReason).toContain("Not an upgrade for existing episode file(s)");
    await ok("sonarr", sonarrImport({ ...show, hash: hashes.b, episodes: [{ season: 1, episode: 6 }] }));
    expect(await onlyRequest()).toMatchObject({ stage: "importing", attentionKind: null });
  });
});
