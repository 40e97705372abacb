import { describe, expect, it } from "vitest";
import { airDateInstant, chipPercent, chipText, legendStages, seasonSegments } from "@/lib/domain/episode-grid";
import type { Stage } from "@/lib/domain/stages";

const eps = (...stages: Stage[]) => stages.map((stage) => ({ stage }));

describe("episode chips", () => {
  it.each<[Stage, number | null, number | null, string]>([
    ["downloading", 0.436, 43, "Episode 3, Downloading, 43 %"],
    ["grabbing", 0, 0, "Episode 3, Grabbed, 0 %"],
    ["downloading", null, null, "Episode 3, Downloading"],
    ["available", 1, null, "Episode 3, Available"],
    ["not_aired", null, null, "Episode 3, Not aired yet"],
    ["unmonitored", null, null, "Episode 3, Not monitored"],
  ])("%s at %s → %s %%, read as %s", (stage, progress, percent, text) => {
    expect(chipPercent({ stage }, progress)).toBe(percent);
    expect(chipText({ episodeNumber: 3, stage }, percent)).toBe(text);
  });
});

describe("seasonSegments", () => {
  it("counts each stage with its share, ready first and set-asides last", () => {
    expect(seasonSegments(eps("not_aired", "available", "downloading", "available", "unmonitored"))).toEqual([
      { stage: "available", count: 2, share: 0.4 },
      { stage: "downloading", count: 1, share: 0.2 },
      { stage: "not_aired", count: 1, share: 0.2 },
      { stage: "unmonitored", count: 1, share: 0.2 },
    ]);
  });

  it("names in the legend only the stages the grid shows", () => {
    expect(legendStages(eps("unmonitored", "searching", "available", "searching"))).toEqual(["available", "searching", "unmonitored"]);
  });
});

describe("airDateInstant", () => {
  it.each([
    [null, null],
    ["", null],
    ["not a date", null],
    ["2023-10-06", { iso: "2023-10-06T12:00:00.000Z", calendarDay: true }],
    ["2023-10-06T01:00:00Z", { iso: "2023-10-06T01:00:00Z", calendarDay: false }],
  ])("%s", (value, expected) => {
    expect(airDateInstant(value)).toEqual(expected);
  });
});
