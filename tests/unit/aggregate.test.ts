import { describe, expect, it } from "vitest";
import { aggregateTvStage, countStages, weightedProgress, type EpisodeState } from "@/lib/domain/aggregate";
import type { ItemStage } from "@/lib/domain/stages";

const eps = (...stages: [number, ItemStage][]): EpisodeState[] => stages.map(([seasonNumber, stage]) => ({ seasonNumber, stage }));

describe("aggregateTvStage", () => {
  const cases: { name: string; own: ItemStage; episodes: EpisodeState[]; seasons: number[]; want: string }[] = [
    { name: "no episodes yet: the request's own stage", own: "approved", episodes: [], seasons: [1], want: "approved" },
    { name: "every episode available", own: "grabbing", episodes: eps([1, "available"], [1, "available"]), seasons: [1], want: "available" },
    { name: "one of several available", own: "grabbing", episodes: eps([1, "available"], [1, "downloading"]), seasons: [1], want: "partially_available" },
    { name: "all seen available but a requested season has no episodes yet", own: "grabbing", episodes: eps([1, "available"]), seasons: [1, 2], want: "partially_available" },
    { name: "nothing available: the furthest stage in progress", own: "grabbing", episodes: eps([1, "grabbing"], [1, "importing"], [1, "downloading"]), seasons: [], want: "importing" },
    { name: "failed episodes do not hide progress of others", own: "grabbing", episodes: eps([1, "failed"], [1, "downloading"]), seasons: [], want: "downloading" },
    { name: "all episodes failed", own: "grabbing", episodes: eps([1, "failed"]), seasons: [], want: "failed" },
    { name: "anime waiting on Shoko", own: "grabbing", episodes: eps([1, "anime_matching"], [1, "importing"]), seasons: [], want: "anime_matching" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(aggregateTvStage({ ownStage: c.own, episodes: c.episodes, requestedSeasons: c.seasons })).toBe(c.want);
    });
  }

  it("counts episodes per stage", () => {
    expect(countStages(eps([1, "available"], [1, "available"], [2, "downloading"]))).toEqual({ available: 2, downloading: 1 });
  });
});

describe("weightedProgress", () => {
  it("weights torrents by size (a season pack outweighs a straggler)", () => {
    expect(weightedProgress([{ size: 9000, progress: 1 }, { size: 1000, progress: 0 }])).toBeCloseTo(0.9);
  });
  it("averages when sizes are unknown", () => {
    expect(weightedProgress([{ size: null, progress: 0.5 }, { size: 0, progress: 1 }])).toBeCloseTo(0.75);
  });
  it("is null without downloads", () => {
    expect(weightedProgress([])).toBeNull();
  });
});
