import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getDeletion, listDeletions } from "@/db/queries/deletions";
import { getRequestRow } from "@/db/queries/request-actions";
import { createDeleteMedia } from "@/inngest/functions/delete-media";
import type { DeletionChoices } from "@/lib/domain/deletion";
import { runDeletionStep, runDueDeletions } from "@/lib/workflows/delete-media/run";
import { previewDeletion, retryDeletion, startBulkDeletion, startDeletion } from "@/lib/workflows/delete-media/start";
import { startSimulators, type Simulators } from "../fakes/stack";
import { admin, member, seedRequest, simulatorClients } from "../helpers/action-world";
import { resetTables } from "../helpers/db";

/**
 * "Delete everywhere" against the simulators: the calls each option combination makes (recorded by the
 * simulators), the deletion log, a crash between steps, a failing service and its Retry, the Inngest function.
 */
let sim: Simulators;
const HASH = "ab".repeat(20);
const all: DeletionChoices["services"] = ["qbittorrent", "sonarr", "radarr", "shoko", "jellyfin", "jellyseerr"];

beforeAll(async () => {
  sim = await startSimulators();
});
afterAll(() => sim.close());

async function ctx(actor = admin) {
  return { db: await getDb(), clients: simulatorClients(sim), actor, membersSee: "all" as const };
}

function stock() {
  sim.qbit.torrents = [];
  sim.qbit.add({ hash: HASH, name: "Movie.2024", size: 10, category: "radarr", durationMs: 1 });
  sim.radarr.movies = [{ id: 27, title: "Movie", tmdbId: 603, tags: [], filePath: "/movies/Movie (2024)/Movie.mkv" }];
  sim.sonarr.series = [{ id: 12, title: "Show", tvdbId: 81189, seriesType: "standard" }];
  sim.sonarr.episodes = [
    { seriesId: 12, seasonNumber: 1, episodeNumber: 1, filePath: "/tv/Show/Season 01/E01.mkv" },
    { seriesId: 12, seasonNumber: 2, episodeNumber: 1, filePath: "/tv/Show/Season 02/E01.mkv" },
  ];
  sim.jellyfin.items = [
    { Id: "f".repeat(32), Name: "Movie", Type: "Movie", ProviderIds: { Tmdb: "603" } },
    { Id: "e".repeat(32), Name: "Show", Type: "Series", ProviderIds: { Tvdb: "81189" } },
  ];
  sim.jellyseerr.requests = [
    { id: 7, type: "movie", media: { id: 70, tmdbId: 603 }, requestedBy: { id: 2, displayName: "Ben" } },
    { id: 8, type: "tv", media: { id: 80, tmdbId: 1399, tvdbId: 81189 }, requestedBy: { id: 2, displayName: "Ben" }, seasons: [2] },
  ];
  for (const fake of [sim.sonarr, sim.radarr, sim.jellyfin, sim.shoko, sim.qbit, sim.jellyseerr]) fake.deletes = [];
  sim.radarr.failDeletes = null;
}

beforeEach(async () => {
  await resetTables();
  await (await getDb()).execute(sql`truncate deletions, deletion_steps restart identity cascade`);
  stock();
});

const movie = () =>
  seedRequest({ mediaType: "movie", title: "Movie", tmdbId: 603, jellyseerrRequestId: 7, hash: HASH, jellyfinItemId: "f".repeat(32) });
const show = () => seedRequest({ mediaType: "tv", title: "Show", tvdbId: 81189, jellyseerrRequestId: 8, seasons: [2] });
const choices = (over: Partial<DeletionChoices> = {}): DeletionChoices => ({
  services: all,
  arrScope: "series",
  arrDeleteFiles: true,
  torrentDeleteFiles: true,
  ...over,
});

describe("preview", () => {
  it("lists exactly what each service would remove, in run order", async () => {
    const row = await movie();
    const preview = await previewDeletion(await ctx(), row.id, choices());
    expect(preview.steps.map((s) => `${s.service}: ${s.description}`)).toEqual([
      "qbittorrent: Remove 1 torrent with their downloaded data",
      "radarr: Delete the movie and its file",
      "jellyfin: Delete the movie from the library (Jellyfin removes the files too)",
      "jellyseerr: Delete the request and the media record",
      "tracker: Move the request to History as deleted",
    ]);
    expect(preview.unreachable).toEqual([]);
    expect(sim.radarr.deletes).toEqual([]);
  });
});

describe("saga calls and log per option combination", () => {
  it("movie, everything, with files and data", async () => {
    const row = await movie();
    const deletion = await startDeletion(await ctx(), row.id, choices());
    expect(deletion.steps.every((s) => s.status === "pending")).toBe(true);
    await runDueDeletions({ db: await getDb(), clients: simulatorClients(sim) });
    expect(sim.qbit.deletes).toEqual([`${HASH} deleteFiles=true`]);
    expect(sim.radarr.deletes).toEqual(["DELETE /api/v3/movie/27?deleteFiles=true&addImportExclusion=false"]);
    expect(sim.jellyfin.deletes).toEqual(["f".repeat(32)]);
    expect(sim.jellyseerr.deletes).toEqual(["DELETE /api/v1/request/7", "DELETE /api/v1/media/70"]);
    const log = await getDeletion({ db: await getDb(), id: deletion.id });
    expect(log).toMatchObject({ status: "done", requestedBy: "Ana" });
    expect(log!.steps.map((s) => [s.service, s.status, s.result])).toEqual([
      ["qbittorrent", "done", "removed 1 torrent with data"],
      ["radarr", "done", "deleted the movie"],
      ["jellyfin", "done", "deleted 1 of 1 library items (the rest were already gone)"],
      ["jellyseerr", "done", "deleted the request; deleted the media record"],
      ["tracker", "done", "moved to History as deleted"],
    ]);
    expect(await getRequestRow({ db: await getDb(), id: row.id })).toMatchObject({
      closedKind: "dismissed",
      closedReason: "Deleted everywhere",
      stage: "removed",
    });
  });

  it("movie kept on disk, torrent kept with data, only Radarr and qBittorrent ticked", async () => {
    const row = await movie();
    await startDeletion(await ctx(), row.id, choices({ services: ["radarr", "qbittorrent"], arrDeleteFiles: false, torrentDeleteFiles: false }));
    await runDueDeletions({ db: await getDb(), clients: simulatorClients(sim) });
    expect(sim.qbit.deletes).toEqual([`${HASH} deleteFiles=false`]);
    expect(sim.radarr.deletes).toEqual(["DELETE /api/v3/movie/27?deleteFiles=false&addImportExclusion=false"]);
    expect([sim.jellyfin.deletes, sim.jellyseerr.deletes]).toEqual([[], []]);
  });

  it("tv, only the requested season's files: the series stays, only season 2's episode items and files go", async () => {
    sim.jellyfin.items.push({ Id: "d".repeat(32), Name: "S2E1", Type: "Episode", SeriesId: "e".repeat(32), ParentIndexNumber: 2, IndexNumber: 1 });
    const row = await show();
    await (await getDb()).execute(sql`update episodes set jellyfin_item_id = ${"d".repeat(32)} where request_id = ${row.id}`);
    await startDeletion(await ctx(), row.id, choices({ arrScope: "seasons" }));
    await runDueDeletions({ db: await getDb(), clients: simulatorClients(sim) });
    expect(sim.sonarr.deletes).toEqual([`DELETE /api/v3/episodefile/bulk ${JSON.stringify({ episodeFileIds: [120_201 + 500_000] })}`]);
    expect(sim.sonarr.series).toHaveLength(1);
    expect(sim.jellyfin.deletes).toEqual(["d".repeat(32)]);
  });

  it("tv, the whole series with files", async () => {
    const row = await show();
    await startDeletion(await ctx(), row.id, choices({ services: ["sonarr", "jellyfin"] }));
    await runDueDeletions({ db: await getDb(), clients: simulatorClients(sim) });
    expect(sim.sonarr.deletes).toEqual(["DELETE /api/v3/series/12?deleteFiles=true&addImportListExclusion=false"]);
    expect(sim.jellyfin.deletes).toEqual(["e".repeat(32)]);
  });

  it("bulk from History: one deletion per request, a member is refused", async () => {
    const [a, b] = [await movie(), await show()];
    const results = await startBulkDeletion(await ctx(), [a.id, b.id, 999], choices({ services: ["jellyseerr"] }));
    expect(results).toMatchObject([
      { requestId: a.id, deletionId: 1 },
      { requestId: b.id, deletionId: 2 },
      { requestId: 999, error: 'No request with id "999"' },
    ]);
    await runDueDeletions({ db: await getDb(), clients: simulatorClients(sim) });
    expect(sim.jellyseerr.deletes).toEqual([
      "DELETE /api/v1/request/7",
      "DELETE /api/v1/media/70",
      "DELETE /api/v1/request/8",
      "DELETE /api/v1/media/80",
    ]);
    await expect(startBulkDeletion(await ctx(member), [a.id], choices())).rejects.toThrow("Only an admin can do this");
  });
});

describe("crash and re-run", () => {
  it("a crash between steps resumes at the next step; running again deletes nothing twice", async () => {
    const row = await movie();
    const deletion = await startDeletion(await ctx(), row.id, choices());
    const db = await getDb();
    const clients = simulatorClients(sim);
    await runDeletionStep({ db, clients, deletionId: deletion.id, service: "qbittorrent" });
    await runDeletionStep({ db, clients, deletionId: deletion.id, service: "radarr" });
    // The process dies here. A fresh runner (after restart) picks up what is due.
    const resumed = await runDueDeletions({ db, clients });
    expect(resumed.map((r) => r.service)).toEqual(["jellyfin", "jellyseerr", "tracker"]);
    expect(await runDueDeletions({ db, clients })).toEqual([]);
    await runDeletionStep({ db, clients, deletionId: deletion.id, service: "radarr" });
    expect([sim.qbit.deletes.length, sim.radarr.deletes.length, sim.jellyfin.deletes.length, sim.jellyseerr.deletes.length]).toEqual([1, 1, 1, 2]);
    expect((await getDeletion({ db, id: deletion.id }))?.status).toBe("done");
  });
});

describe("a failing service", () => {
  it("retries with back-off, then fails that step while the others finish; Retry completes it", async () => {
    sim.radarr.failDeletes = 500;
    const row = await movie();
    const deletion = await startDeletion(await ctx(), row.id, choices());
    const db = await getDb();
    const clients = simulatorClients(sim);
    let now = Date.now();
    for (let i = 0; i < 4; i += 1) {
      await runDueDeletions({ db, clients, now: new Date(now) });
      now += 11 * 60_000;
    }
    const failed = await getDeletion({ db, id: deletion.id });
    expect(failed?.status).toBe("failed");
    expect(failed?.steps.map((s) => [s.service, s.status])).toEqual([
      ["qbittorrent", "done"],
      ["radarr", "failed"],
      ["jellyfin", "done"],
      ["jellyseerr", "done"],
      ["tracker", "done"],
    ]);
    const radarrStep = failed!.steps[1]!;
    expect(radarrStep).toMatchObject({ attempts: 4, error: expect.stringMatching(/^Radarr answered with an error: HTTP 500/) });
    expect(sim.radarr.deletes).toHaveLength(4);

    sim.radarr.failDeletes = null;
    await expect(retryDeletion(await ctx(member), deletion.id, radarrStep.id)).rejects.toThrow("Only an admin");
    await retryDeletion(await ctx(), deletion.id, radarrStep.id);
    await runDueDeletions({ db, clients });
    const done = await getDeletion({ db, id: deletion.id });
    expect(done?.status).toBe("done");
    expect(done?.steps[1]).toMatchObject({ status: "done", result: "deleted the movie", error: null });
    expect(sim.qbit.deletes).toHaveLength(1);
  });
});

describe("delete-media Inngest function", () => {
  it("runs one step per service through the same service and records the log", async () => {
    const row = await movie();
    const deletion = await startDeletion(await ctx(), row.id, choices({ services: ["radarr", "jellyseerr"] }));
    const runtime = async () => ({ db: await getDb(), clients: simulatorClients(sim) });
    const t = new InngestTestEngine({ function: createDeleteMedia(runtime) });
    const { result } = await t.execute({ events: [{ name: "tracker/deletion.requested", data: { deletionId: deletion.id } }] });
    expect(result).toEqual([
      { service: "radarr", status: "done", error: null },
      { service: "jellyseerr", status: "done", error: null },
      { service: "tracker", status: "done", error: null },
    ]);
    expect(sim.radarr.deletes).toHaveLength(1);
    expect((await listDeletions({ db: await getDb() }))[0]?.status).toBe("done");
  });
});
