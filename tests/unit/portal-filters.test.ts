import { describe, expect, it } from "vitest";
import { filtersToParams, matchesFilters, parseActiveFilters } from "@/lib/portal/filters";
import { describeEpisodeCounts, formatDuration } from "@/lib/portal/format";
import { flowSteps, stepState } from "@/lib/portal/flow";

const row = { title: "Frieren: Beyond Journey's End", mediaType: "tv" as const, stage: "downloading" as const, requestedBy: "Alice" };

describe("active filters", () => {
  it("round-trips through the URL and drops what it does not know", () => {
    const f = parseActiveFilters({ stage: "downloading,bogus,available", type: "tv", requester: " alice ", mine: "1", q: "frier" });
    expect(f).toEqual({ stages: ["downloading"], type: "tv", requester: "alice", mine: true, q: "frier" });
    expect(parseActiveFilters(Object.fromEntries(filtersToParams(f)))).toEqual(f);
  });

  it("matches like the server query: stage, type, requester in any case, text", () => {
    const none = parseActiveFilters({});
    expect(matchesFilters(row, none, null)).toBe(true);
    expect(matchesFilters({ ...row, stage: "available" }, none, null)).toBe(false);
    expect(matchesFilters({ ...row, stage: "available" }, none, null, true)).toBe(true);
    expect(matchesFilters(row, parseActiveFilters({ requester: "ALICE" }), null)).toBe(true);
    expect(matchesFilters(row, parseActiveFilters({ type: "movie" }), null)).toBe(false);
    expect(matchesFilters(row, parseActiveFilters({ q: "JOURNEY" }), null)).toBe(true);
    expect(matchesFilters(row, parseActiveFilters({ stage: "importing" }), null, true)).toBe(false);
  });

  it("'mine' needs a viewer and matches any of the viewer's aliases without case", () => {
    const mine = parseActiveFilters({ mine: "1" });
    expect(matchesFilters(row, mine, null)).toBe(false);
    expect(matchesFilters(row, mine, ["alice"])).toBe(true);
    expect(matchesFilters(row, mine, ["ally", "alice", "alice@example.com"])).toBe(true);
    expect(matchesFilters(row, mine, ["bob"])).toBe(false);
  });
});

describe("portal wording", () => {
  it("summarises episode counts and durations", () => {
    expect(describeEpisodeCounts({ available: 3, downloading: 5, approved: 4 })).toBe("3 of 12 ready · 5 downloading · 4 waiting");
    expect(describeEpisodeCounts({ available: 3, downloading: 2, importing: 1, not_aired: 6 })).toBe(
      "3 of 6 ready · 2 downloading · 1 importing · 6 not aired yet",
    );
    expect(describeEpisodeCounts({ available: 5 }, false)).toBe("5 episodes ready");
    expect(formatDuration(3900)).toBe("1 h 5 min");
    expect(formatDuration(42)).toBe("42 s");
  });

  it("shows Shoko's step only for anime and marks steps against the stage", () => {
    expect(flowSteps(false)).not.toContain("anime_matching");
    expect(flowSteps(true)).toContain("anime_matching");
    expect(stepState("grabbing", "downloading")).toBe("done");
    expect(stepState("downloading", "downloading")).toBe("current");
    expect(stepState("available", "available")).toBe("done");
    expect(stepState("importing", "partially_available")).toBe("done");
  });

  it("an episode-level wait before any grab (searching, not aired, not monitored) is the approved step; removed is no step", () => {
    for (const stage of ["searching", "not_aired", "unmonitored"] as const) {
      expect(stepState("approved", stage)).toBe("current");
      expect(stepState("grabbing", stage)).toBe("todo");
    }
    expect(stepState("requested", "removed")).toBe("todo");
  });
});
