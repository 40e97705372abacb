import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { countByStage } from "@/db/queries/history";
import { listRequests } from "@/db/queries/request-list";
import { wholeHousehold } from "@/lib/auth/policy";
import { allRequests, detail, onlyRequest, resetTables } from "../helpers/db";
import { contract } from "../helpers/contracts";
import { hashes, jellyfinEpisode, jellyfinMovie, jellyseerr, radarrGrab, radarrImport, sonarrGrab } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

type Json = Record<string, unknown>;
beforeEach(resetTables);

/** Delete bodies from the contracts' envelopes: `movie`/`series`/`episodes` as the Grab carries them (§4.6–4.7). */
function movieDelete(eventType: "MovieDelete" | "MovieFileDelete", deleteReason?: string): Json {
  const grab = contract<Json>("radarr-grab");
  return {
    eventType,
    instanceName: "Radarr",
    applicationUrl: "",
    movie: grab.movie,
    ...(eventType === "MovieDelete" ? { deletedFiles: true } : { deleteReason, movieFile: { id: 1, relativePath: "m.mkv", path: "/movies/m.mkv" } }),
  };
}
function episodeFileDelete(episodes: number[], deleteReason: string): Json {
  const grab = sonarrGrab({ hash: hashes.a, episodes: episodes.map((episode) => ({ season: 1, episode })) });
  return {
    eventType: "EpisodeFileDelete",
    instanceName: "Sonarr",
    applicationUrl: "",
    series: grab.series,
    episodes: grab.episodes,
    episodeFile: { id: 9, relativePath: "x.mkv", path: "/tv/x.mkv" },
    deleteReason,
  };
}
const ok = async (source: string, body: unknown, options = {}) => {
  const res = await postWebhook(source, body, options);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
};

describe("deletes end things", () => {
  it("Radarr deleting the movie moves it to removed (History, filterable) with who/what/when; a new grab starts fresh", async () => {
    await ok("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 57, tmdbId: 603 }));
    await ok("radarr", radarrGrab({ hash: hashes.c, tmdbId: 603 }));
    await ok("radarr", movieDelete("MovieDelete"));
    const removed = await onlyRequest();
    expect(removed).toMatchObject({ stage: "removed", removedBy: "Radarr" });
    expect(removed.removedAt).not.toBeNull();
    expect((await detail(removed.id)).timeline.at(-1)).toMatchObject({
      event: "media.removed",
      message: "Radarr deleted the movie and its files",
      stage: "removed",
    });

    const db = await getDb();
    expect(await countByStage({ db, scope: wholeHousehold, stages: ["available", "failed", "declined", "removed"] })).toEqual({ removed: 1 });
    const history = await listRequests({ db, scope: wholeHousehold, filters: { stages: ["removed"] }, cursor: null, limit: 10 });
    expect(history.items.map((r) => r.id)).toEqual([removed.id]);

    await ok("radarr", radarrGrab({ hash: hashes.b, tmdbId: 603 }));
    const [old, fresh] = await allRequests();
    expect(old).toMatchObject({ id: removed.id, stage: "removed" });
    expect(fresh).toMatchObject({ stage: "grabbing", tmdbId: 603 });
  });

  it("a file replaced by an upgrade is only a note; any other file delete removes the movie", async () => {
    await ok("radarr", radarrGrab({ hash: hashes.c, tmdbId: 603 }));
    await ok("radarr", radarrImport({ hash: hashes.c, tmdbId: 603 }));
    await ok("jellyfin", jellyfinMovie({ tmdbId: 603 }), { contentType: "text/plain" });
    await ok("radarr", movieDelete("MovieFileDelete", "upgrade"));
    expect((await onlyRequest()).stage).toBe("available");
    await ok("radarr", movieDelete("MovieFileDelete", "manual"));
    expect(await onlyRequest()).toMatchObject({ stage: "removed", removedBy: "Radarr" });
  });

  it("Sonarr deleting episode files removes those episodes; the series goes when all are gone", async () => {
    await ok(
      "sonarr",
      sonarrGrab({
        hash: hashes.a,
        episodes: [
          { season: 1, episode: 1 },
          { season: 1, episode: 2 },
        ],
      }),
    );
    await ok("sonarr", episodeFileDelete([1], "upgrade"));
    expect((await onlyRequest()).episodeCounts).toEqual({ grabbing: 2 });
    await ok("sonarr", episodeFileDelete([1], "manual"));
    expect(await onlyRequest()).toMatchObject({ stage: "grabbing", episodeCounts: { grabbing: 1, removed: 1 } });
    await ok("sonarr", episodeFileDelete([2], "missingFromDisk"));
    expect(await onlyRequest()).toMatchObject({ stage: "removed", removedBy: "Sonarr" });
  });

  it("Jellyfin removing the item removes what it covers", async () => {
    await ok("radarr", radarrGrab({ hash: hashes.c, tmdbId: 603 }));
    await ok("jellyfin", jellyfinMovie({ tmdbId: 603 }), { contentType: "text/plain" });
    await ok("jellyfin", { ...jellyfinMovie({ tmdbId: 603 }), NotificationType: "ItemDeleted" }, { contentType: "text/plain" });
    expect(await onlyRequest()).toMatchObject({ stage: "removed", removedBy: "Jellyfin" });
  });

  it("a Jellyfin episode deleted leaves the other episodes", async () => {
    await ok(
      "sonarr",
      sonarrGrab({
        hash: hashes.a,
        episodes: [
          { season: 1, episode: 1 },
          { season: 1, episode: 2 },
        ],
      }),
    );
    await ok("jellyfin", jellyfinEpisode({ season: 1, episode: 1 }), { contentType: "text/plain" });
    await ok("jellyfin", { ...jellyfinEpisode({ season: 1, episode: 1 }), NotificationType: "ItemDeleted" }, { contentType: "text/plain" });
    expect(await onlyRequest()).toMatchObject({ stage: "grabbing", episodeCounts: { grabbing: 1, removed: 1 } });
  });
});
