import { describe, expect, it } from "vitest";
import { aggregateTvStage, countStages, weightedProgress, type EpisodeState } from "@/lib/domain/aggregate";
import type { ItemStage } from "@/lib/domain/stages";

const eps = (...stages: [number, ItemStage][]): EpisodeState[] => stages.map(([seasonNumber, stage]) => ({ seasonNumber, stage }));
const many = (n: number, stage: ItemStage): [number, ItemStage][] => Array.from({ length: n }, () => [1, stage]);

describe("aggregateTvStage: the headline is the bottleneck among aired, monitored episodes not yet available", () => {
  const cases: { name: string; own: ItemStage; episodes: EpisodeState[]; seasons: number[]; known?: boolean; want: string }[] = [
    { name: "no episodes yet: the request's own stage", own: "approved", episodes: [], seasons: [1], want: "approved" },
    {
      name: "every episode available, list known",
      own: "grabbing",
      episodes: eps([1, "available"], [1, "available"]),
      seasons: [1],
      want: "available",
    },
    {
      name: "every known episode available but no episode list: never complete",
      own: "grabbing",
      episodes: eps([1, "available"], [1, "available"]),
      seasons: [1],
      known: false,
      want: "partially_available",
    },
    {
      name: "one available, one downloading: downloading is where it stands",
      own: "grabbing",
      episodes: eps([1, "available"], [1, "downloading"]),
      seasons: [1],
      want: "downloading",
    },
    {
      name: "five downloading and one imported: downloading, not importing",
      own: "grabbing",
      episodes: eps(...many(5, "downloading"), [1, "importing"]),
      seasons: [1],
      want: "downloading",
    },
    {
      name: "aired episodes nobody grabbed hold it at searching",
      own: "approved",
      episodes: eps([1, "available"], [1, "searching"], [1, "importing"]),
      seasons: [1],
      want: "searching",
    },
    {
      name: "all aired ones ready, later ones not aired: partly available",
      own: "approved",
      episodes: eps([1, "available"], [1, "not_aired"]),
      seasons: [1],
      want: "partially_available",
    },
    { name: "nothing aired yet", own: "approved", episodes: eps([1, "not_aired"], [1, "not_aired"]), seasons: [1], want: "not_aired" },
    {
      name: "unmonitored episodes do not count towards completeness",
      own: "approved",
      episodes: eps([1, "available"], [1, "unmonitored"]),
      seasons: [1],
      want: "available",
    },
    { name: "only unmonitored episodes", own: "approved", episodes: eps([1, "unmonitored"]), seasons: [1], want: "unmonitored" },
    {
      name: "a requested season without episodes keeps it partial",
      own: "grabbing",
      episodes: eps([1, "available"]),
      seasons: [1, 2],
      want: "partially_available",
    },
    {
      name: "failed episodes do not hide the others' stage",
      own: "grabbing",
      episodes: eps([1, "failed"], [1, "downloading"]),
      seasons: [],
      want: "downloading",
    },
    { name: "all episodes failed", own: "grabbing", episodes: eps([1, "failed"]), seasons: [], want: "failed" },
    {
      name: "a failed episode beside ready ones",
      own: "grabbing",
      episodes: eps([1, "failed"], [1, "available"]),
      seasons: [],
      want: "partially_available",
    },
    {
      name: "anime: importing is behind matching",
      own: "grabbing",
      episodes: eps([1, "anime_matching"], [1, "importing"]),
      seasons: [],
      want: "importing",
    },
    {
      name: "removed episodes leave the others' stage",
      own: "grabbing",
      episodes: eps([1, "removed"], [1, "available"]),
      seasons: [1],
      want: "available",
    },
    { name: "every episode removed", own: "grabbing", episodes: eps([1, "removed"], [1, "removed"]), seasons: [1], want: "removed" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(aggregateTvStage({ ownStage: c.own, episodes: c.episodes, requestedSeasons: c.seasons, listKnown: c.known ?? true })).toBe(c.want);
    });
  }

  it("counts episodes per stage", () => {
    expect(countStages(eps([1, "available"], [1, "available"], [2, "downloading"]))).toEqual({ available: 2, downloading: 1 });
  });
});

describe("weightedProgress", () => {
  it("weights torrents by size (a season pack outweighs a straggler)", () => {
    expect(
      weightedProgress([
        { size: 9000, progress: 1 },
        { size: 1000, progress: 0 },
      ]),
    ).toBeCloseTo(0.9);
  });
  it("averages when sizes are unknown", () => {
    expect(
      weightedProgress([
        { size: null, progress: 0.5 },
        { size: 0, progress: 1 },
      ]),
    ).toBeCloseTo(0.75);
  });
  it("is null without downloads", () => {
    expect(weightedProgress([])).toBeNull();
  });
});
