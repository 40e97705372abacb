import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getRequestRow } from "@/db/queries/request-actions";
import { listOpenReports } from "@/db/queries/reports";
import { episodes as episodesTable, timelineEvents } from "@/db/schema";
import { performRequestAction, type ActionContext } from "@/lib/actions/perform";
import type { RequestAction } from "@/lib/actions/schema";
import type { Actor } from "@/lib/auth/act-access";
import { previewDeletion, retryDeletion, startDeletion } from "@/lib/workflows/delete-media/start";
import { startSimulators, type Simulators } from "../fakes/stack";
import { admin, member, seedRequest, simulatorClients } from "../helpers/action-world";
import { resetTables } from "../helpers/db";

/** The per-request actions against the simulators: the upstream calls they make, the timeline, and who may use them. */
let sim: Simulators;
const HASH = "ef".repeat(20);
beforeAll(async () => {
  sim = await startSimulators();
});
afterAll(() => sim.close());
beforeEach(async () => {
  await resetTables();
  sim.radarr.commands = [];
  sim.sonarr.commands = [];
  sim.radarr.deletes = [];
  sim.radarr.movies = [{ id: 27, title: "Movie", tmdbId: 603, tags: [] }];
  sim.radarr.queue = [{ downloadId: HASH, ownerId: 27 }];
  sim.sonarr.series = [{ id: 12, title: "Show", tvdbId: 81189, seriesType: "standard" }];
  sim.sonarr.episodes = [
    { seriesId: 12, seasonNumber: 2, episodeNumber: 1 },
    { seriesId: 12, seasonNumber: 2, episodeNumber: 2 },
  ];
});

async function ctx(actor: Actor = admin, membersSee: "all" | "own" = "all"): Promise<ActionContext> {
  return { db: await getDb(), clients: simulatorClients(sim), actor, membersSee };
}

async function lastLine(requestId: number) {
  const rows = await (await getDb())
    .select()
    .from(timelineEvents)
    .where(sql`${timelineEvents.requestId} = ${requestId}`)
    .orderBy(sql`seq desc`)
    .limit(1);
  return rows[0];
}

describe("admin actions", () => {
  it("Search again: Radarr MoviesSearch; with blocklist the release in flight is blocklisted and removed first", async () => {
    const row = await seedRequest({ mediaType: "movie", title: "Movie", tmdbId: 603, hash: HASH, stage: "downloading" });
    const result = await performRequestAction(await ctx(), row.id, { action: "search", blocklist: true });
    expect(result.message).toBe("Search again by Ana: blocklisted 1 release, then asked Radarr to search for the movie");
    expect(sim.radarr.deletes).toEqual([
      "DELETE /api/v3/queue/1487215533?removeFromClient=true&blocklist=true&skipRedownload=false&changeCategory=false",
    ]);
    expect(sim.radarr.commands).toEqual([{ name: "MoviesSearch", movieIds: [27] }]);
    expect(await lastLine(row.id)).toMatchObject({ event: "action.search", message: result.message, data: { by: "Ana", blocklist: true } });
  });

  it("Search again on tv: EpisodeSearch for the episodes not yet available", async () => {
    const row = await seedRequest({ mediaType: "tv", title: "Show", tvdbId: 81189, seasons: [2], stage: "downloading" });
    const db = await getDb();
    await db.insert(episodesTable).values({ requestId: row.id, seasonNumber: 2, episodeNumber: 2, stage: "available" });
    const result = await performRequestAction(await ctx(), row.id, { action: "search", blocklist: false });
    expect(result.message).toContain("asked Sonarr to search for 1 episode");
    expect(sim.sonarr.commands).toEqual([{ name: "EpisodeSearch", episodeIds: [120_201] }]);
  });

  it("Retry import: DownloadedMoviesScan at the folder qBittorrent reports", async () => {
    sim.qbit.torrents = [];
    sim.qbit.add({ hash: HASH, name: "Movie.2024", size: 10, category: "radarr", durationMs: 1, addedAt: Date.now() - 10_000 });
    const row = await seedRequest({ mediaType: "movie", title: "Movie", tmdbId: 603, hash: HASH, stage: "downloading" });
    await (await getDb()).execute(sql`update downloads set status = 'completed' where hash = ${HASH}`);
    const result = await performRequestAction(await ctx(), row.id, { action: "retry_import" });
    expect(result.message).toBe('Retry import by Ana: asked Radarr to import "/downloads/complete/radarr/Movie.2024" again');
    expect(sim.radarr.commands).toEqual([
      { name: "DownloadedMoviesScan", path: "/downloads/complete/radarr/Movie.2024", downloadClientId: HASH.toUpperCase(), importMode: "auto" },
    ]);
  });

  it("Check now says what it looked at", async () => {
    const row = await seedRequest({ mediaType: "movie", title: "Movie", tmdbId: 603, stage: "downloading" });
    const result = await performRequestAction(await ctx(), row.id, { action: "check" });
    expect(result.checked).toEqual(expect.arrayContaining(["Sonarr and Radarr queue", "qBittorrent torrents", "Radarr history"]));
    expect(result.message).toMatch(/^Check now by Ana: looked at /);
  });

  it("Mark as done and Dismiss leave Active with the reason; Remove forgets it", async () => {
    const a = await seedRequest({ mediaType: "movie", title: "A", tmdbId: 1, stage: "downloading" });
    const b = await seedRequest({ mediaType: "movie", title: "B", tmdbId: 2, stage: "downloading" });
    await performRequestAction(await ctx(), a.id, { action: "done", reason: "watched it elsewhere" });
    await performRequestAction(await ctx(), b.id, { action: "dismiss", reason: "not wanted any more" });
    const db = await getDb();
    expect(await getRequestRow({ db, id: a.id })).toMatchObject({
      stage: "available",
      closedKind: "done",
      closedReason: "watched it elsewhere",
      closedBy: "Ana",
    });
    expect(await getRequestRow({ db, id: b.id })).toMatchObject({ stage: "removed", closedKind: "dismissed", removedBy: expect.any(String) });
    expect(await lastLine(b.id)).toMatchObject({ event: "action.dismissed", message: "Dismissed by Ana: not wanted any more" });
    await performRequestAction(await ctx(), a.id, { action: "remove" });
    expect(await getRequestRow({ db, id: a.id })).toBeNull();
  });
});

describe("members", () => {
  it("report a problem on a request they can see; it shows on the admin page until resolved", async () => {
    const row = await seedRequest({ mediaType: "movie", title: "Movie", tmdbId: 603, requestedBy: "ben" });
    await performRequestAction(await ctx(member, "own"), row.id, { action: "report", message: "No sound" });
    const db = await getDb();
    expect((await listOpenReports({ db })).map((r) => [r.title, r.report.author, r.report.message])).toEqual([["Movie", "Ben", "No sound"]]);
    const other = await seedRequest({ mediaType: "movie", title: "Cleo's", tmdbId: 604, requestedBy: "cleo" });
    await expect(performRequestAction(await ctx(member, "own"), other.id, { action: "report", message: "x" })).rejects.toThrow("No request with id");
    const reportId = (await listOpenReports({ db }))[0]!.report.id;
    await performRequestAction(await ctx(), row.id, { action: "resolve_report", reportId });
    expect(await listOpenReports({ db })).toEqual([]);
  });

  it("get 403 for every admin action, before anything upstream is called", async () => {
    const row = await seedRequest({ mediaType: "movie", title: "Movie", tmdbId: 603, hash: HASH, requestedBy: "ben" });
    const adminActions: RequestAction[] = [
      { action: "search", blocklist: true },
      { action: "check" },
      { action: "retry_import" },
      { action: "dismiss", reason: "x" },
      { action: "done", reason: "x" },
      { action: "remove" },
      { action: "resolve_report", reportId: 1 },
    ];
    for (const action of adminActions) {
      await expect(performRequestAction(await ctx(member), row.id, action), action.action).rejects.toMatchObject({ code: "forbidden" });
    }
    const choices = { services: ["radarr" as const], arrScope: "series" as const, arrDeleteFiles: true, torrentDeleteFiles: true };
    await expect(previewDeletion(await ctx(member), row.id, choices)).rejects.toMatchObject({ code: "forbidden" });
    await expect(startDeletion(await ctx(member), row.id, choices)).rejects.toMatchObject({ code: "forbidden" });
    await expect(retryDeletion(await ctx(member), 1, 1)).rejects.toMatchObject({ code: "forbidden" });
    expect([sim.radarr.commands, sim.radarr.deletes]).toEqual([[], []]);
    expect(await getRequestRow({ db: await getDb(), id: row.id })).toMatchObject({ closedKind: null });
  });
});
