import { describe, expect, it } from "vitest";
import { actionRole, authorizeAction } from "@/lib/actions/authorize";
import type { ActionName } from "@/lib/actions/schema";
import type { Actor } from "@/lib/auth/act-access";
import { afterAttempt, deletionStatus, planDeletion, possibleSteps, stepRetryDelayMs, type DeletionFacts } from "@/lib/domain/deletion";
import { nextCursor, stageOfSeerrStatus } from "@/lib/domain/library-import";

const admin: Actor = { kind: "viewer", viewer: { name: "Ana", role: "admin", aliases: ["ana"] } };
const member: Actor = { kind: "viewer", viewer: { name: "Ben", role: "member", aliases: ["ben"] } };
const token: Actor = { kind: "token", name: "script" };
const bens = { requestedBy: "Ben", requestedByEmail: null };
const cleos = { requestedBy: "Cleo", requestedByEmail: null };

describe("who may do what to a request", () => {
  const actions = Object.keys(actionRole) as (ActionName | "delete")[];
  it.each([
    ["admin", admin, "all", cleos, () => "ok"],
    ["token", token, "own", cleos, () => "ok"],
    ["member, own request", member, "own", bens, (a: string) => (a === "report" ? "ok" : "forbidden")],
    ["member, household request (all)", member, "all", cleos, (a: string) => (a === "report" ? "ok" : "forbidden")],
    ["member, someone else's (own)", member, "own", cleos, (a: string) => (a === "report" ? "not_found" : "forbidden")],
  ] as const)("%s", (_label, actor, membersSee, request, expected) => {
    for (const action of actions) expect(authorizeAction({ actor, action, request, membersSee }), action).toBe(expected(action));
  });
  it("a missing request is not found for whoever may act", () => {
    expect(authorizeAction({ actor: admin, action: "search", request: null, membersSee: "all" })).toBe("not_found");
    expect(authorizeAction({ actor: member, action: "search", request: null, membersSee: "all" })).toBe("forbidden");
  });
});

const facts: DeletionFacts = {
  requestId: 1,
  mediaType: "tv",
  isAnime: true,
  requestedSeasons: [2],
  torrentHashes: ["b", "a"],
  sonarr: {
    seriesId: 12,
    episodeFiles: [
      { id: 5, seasonNumber: 1 },
      { id: 7, seasonNumber: 2 },
      { id: 7, seasonNumber: 2 },
    ],
  },
  radarr: null,
  shokoFileIds: [3],
  jellyfin: {
    itemId: "series",
    episodes: [
      { seasonNumber: 1, itemId: "e1" },
      { seasonNumber: 2, itemId: "e2" },
    ],
  },
  jellyseerr: { requestId: 9, mediaId: null },
};

describe("Delete everywhere plans", () => {
  it.each([
    [
      { arrScope: "series", arrDeleteFiles: true, torrentDeleteFiles: false } as const,
      [
        ["qbittorrent", { hashes: ["a", "b"], deleteFiles: false }],
        ["sonarr", { kind: "series", seriesId: 12, deleteFiles: true }],
        ["shoko", { fileIds: [3] }],
        ["jellyfin", { itemIds: ["series"] }],
        ["jellyseerr", { requestId: 9, mediaId: null }],
        ["tracker", { requestId: 1 }],
      ],
    ],
    [
      { arrScope: "seasons", arrDeleteFiles: true, torrentDeleteFiles: true } as const,
      [
        ["qbittorrent", { hashes: ["a", "b"], deleteFiles: true }],
        ["sonarr", { kind: "episode_files", episodeFileIds: [7], seasons: [2] }],
        ["shoko", { fileIds: [3] }],
        ["jellyfin", { itemIds: ["e2"] }],
        ["jellyseerr", {}],
        ["tracker", {}],
      ],
    ],
  ])("%o", (choices, expected) => {
    const steps = possibleSteps(facts, choices);
    expect(steps.map((s) => s.service)).toEqual(expected.map(([service]) => service));
    for (const [i, s] of steps.entries()) expect(s.target).toMatchObject(expected[i]![1] as object);
  });
  it("keeps only the ticked services, the tracker always last; a movie without files says so", () => {
    expect(
      planDeletion(facts, { services: ["jellyfin"], arrScope: "series", arrDeleteFiles: true, torrentDeleteFiles: true }).map((s) => s.service),
    ).toEqual(["jellyfin", "tracker"]);
    const movie: DeletionFacts = {
      ...facts,
      mediaType: "movie",
      isAnime: false,
      sonarr: null,
      radarr: { movieId: 4, hasFile: false },
      jellyfin: { itemId: null, episodes: [] },
      jellyseerr: null,
      torrentHashes: [],
    };
    expect(possibleSteps(movie, { arrScope: "series", arrDeleteFiles: true, torrentDeleteFiles: true }).map((s) => s.description)).toEqual([
      "Delete the movie (it has no file)",
      "Move the request to History as deleted",
    ]);
  });
  it("retries a failing step three times with back-off, then fails it; the deletion follows its steps", () => {
    expect([1, 2, 3, 4].map((n) => afterAttempt({ ok: false, error: "x" }, n))).toEqual(["retrying", "retrying", "retrying", "failed"]);
    expect(afterAttempt({ ok: true, result: "ok" }, 4)).toBe("done");
    expect([1, 2, 3, 6].map(stepRetryDelayMs)).toEqual([30_000, 60_000, 120_000, 600_000]);
    expect(deletionStatus([{ status: "done" }, { status: "retrying" }])).toBe("running");
    expect(deletionStatus([{ status: "done" }, { status: "failed" }])).toBe("failed");
    expect(deletionStatus([{ status: "done" }])).toBe("done");
  });
});

describe("library import rules", () => {
  it("pages through each phase, then the next, then ends", () => {
    expect(nextCursor({ phase: "library", startIndex: 0 }, 500, 1200)).toEqual({ phase: "library", startIndex: 500 });
    expect(nextCursor({ phase: "library", startIndex: 1000 }, 200, 1200)).toEqual({ phase: "episodes", startIndex: 0 });
    expect(nextCursor({ phase: "episodes", startIndex: 0 }, 0, 0)).toEqual({ phase: "jellyseerr", startIndex: 0 });
    expect(nextCursor({ phase: "queues", startIndex: 0 }, 3, 3)).toBeNull();
  });
  it.each([
    [1, 2, "requested"],
    [2, 3, "approved"],
    [2, 5, "available"],
    [3, 2, "declined"],
    [4, 3, "failed"],
    [5, null, "available"],
  ] as const)("Jellyseerr request status %i with media status %s is %s", (request, media, stage) => {
    expect(stageOfSeerrStatus(request, media)).toBe(stage);
  });
});
