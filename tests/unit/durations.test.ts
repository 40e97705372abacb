import { describe, expect, it } from "vitest";
import { formatElapsed, formatEta } from "@/lib/domain/durations";

describe("formatEta", () => {
  it.each([
    [null, null],
    [-1, null],
    [Number.NaN, null],
    [0, "less than a minute left"],
    [9, "less than a minute left"],
    [59, "less than a minute left"],
    [60, "1 min left"],
    [61, "2 min left"],
    [89, "2 min left"],
    [3599, "1 h left"],
    [3600, "1 h left"],
    [3661, "1 h 2 min left"],
    [5 * 86_400 + 7200, "5 d 2 h left"],
  ])("%s s → %s", (seconds, text) => {
    expect(formatEta(seconds)).toBe(text);
  });
});

describe("formatElapsed", () => {
  it.each([
    [0, "under a minute"],
    [59, "under a minute"],
    [60, "1 min"],
    [3599, "59 min"],
    [2 * 3600 + 1800, "2 h"],
    [86_399, "23 h"],
    [3 * 86_400 + 100, "3 d"],
  ])("%s s → %s", (seconds, text) => {
    expect(formatElapsed(seconds)).toBe(text);
  });
});
