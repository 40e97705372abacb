import { beforeEach, describe, expect, it } from "vitest";
import { detail, onlyRequest, resetTables } from "../helpers/db";
import { hashes, jellyfinEpisode, jellyseerr, radarrGrab, radarrImport, sonarrGrab, sonarrImport } from "../helpers/payloads";
import { contract, postWebhook } from "../helpers/webhooks";

beforeEach(resetTables);

async function ok(source: string, body: unknown, options = {}) {
  const res = await postWebhook(source, body, options);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json;
}

describe("anime tv (Sonarr series type anime, Shokofin in Jellyfin)", () => {
  it("waits on Shoko after import and becomes available when the Shokofin episode appears", async () => {
    await ok(
      "jellyseerr",
      jellyseerr("MEDIA_AUTO_APPROVED", {
        mediaType: "tv",
        requestId: 70,
        tmdbId: 209867,
        tvdbId: 424536,
        seasons: [1],
        subject: "Frieren: Beyond Journey's End (2023)",
      }),
    );
    await ok("sonarr", contract("sonarr-grab"));
    expect((await onlyRequest()).stage).toBe("grabbing");
    await ok("sonarr", contract("sonarr-download"));
    const matching = await onlyRequest();
    expect(matching).toMatchObject({ stage: "anime_matching", isAnime: true });
    // Shokofin episodes carry Shoko/AniDB ids but no TVDB id: matched by series name + season + episode.
    await ok("jellyfin", contract("jellyfin-itemadded-episode-shokofin"), { contentType: "text/plain" });
    const request = await onlyRequest();
    // No Sonarr here to list the season: its one known episode is ready, the season is not called complete.
    expect(request.stage).toBe("partially_available");
    const { timeline, episodes } = await detail(request.id);
    expect(timeline.map((t) => t.stage)).toEqual(["approved", "grabbing", "anime_matching", "partially_available"]);
    expect(timeline[2]?.message).toContain("waiting for Shoko");
    expect(episodes).toMatchObject([{ seasonNumber: 1, episodeNumber: 5, stage: "available", jellyfinItemId: "9e8d7c6b5a4f43e2d1c0b9a8f7e6d5c4" }]);
  });
});

describe("anime movie that Jellyfin files as a series", () => {
  it("tags route it through Shoko, and a Shokofin episode of the same name makes the movie available", async () => {
    const movie = { tmdbId: 533514, title: "Violet Evergarden: The Movie", tags: ["anime"] };
    await ok("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 57, tmdbId: 533514, subject: "Violet Evergarden: The Movie (2020)" }));
    await ok("radarr", radarrGrab({ ...movie, hash: hashes.d }));
    await ok("radarr", radarrImport({ ...movie, hash: hashes.d }));
    expect(await onlyRequest()).toMatchObject({ stage: "anime_matching", isAnime: true });

    const asSeries = jellyfinEpisode({ season: 1, episode: 1, shokofin: true, seriesName: "Violet Evergarden: The Movie" });
    await ok("jellyfin", asSeries, { contentType: "text/plain" });
    expect((await onlyRequest()).stage).toBe("available");
  });
});

describe("sonarr anime import on a series not requested through Jellyseerr", () => {
  it("creates the request from the grab and follows it", async () => {
    await ok("sonarr", sonarrGrab({ hash: hashes.e, episodes: [{ season: 1, episode: 7 }], type: "anime" }));
    await ok("sonarr", sonarrImport({ hash: hashes.e, episodes: [{ season: 1, episode: 7 }], type: "anime" }));
    expect(await onlyRequest()).toMatchObject({ source: "sonarr", stage: "anime_matching", title: "Frieren: Beyond Journey's End" });
  });
});
