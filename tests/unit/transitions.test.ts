import { describe, expect, it } from "vitest";
import { nextStage, signals, signalTarget, type Signal } from "@/lib/domain/transitions";
import { stageRank, stages, type ItemStage } from "@/lib/domain/stages";

const itemStages = stages.filter((s): s is ItemStage => s !== "partially_available");

/**
 * The whole stage × signal table, written out so a change to any rule shows up here.
 * "=" means the signal changes nothing.
 */
const expected: Record<ItemStage, Record<Signal, ItemStage | "=">> = {
  requested: {
    requested: "=",
    approved: "approved",
    declined: "declined",
    failed: "failed",
    grabbed: "grabbing",
    download_progress: "downloading",
    download_completed: "downloaded",
    import_blocked: "downloaded",
    imported: "importing",
    imported_anime: "anime_matching",
    seen_in_library: "available",
    removed: "removed",
  },
  approved: {
    requested: "=",
    approved: "=",
    declined: "declined",
    failed: "failed",
    grabbed: "grabbing",
    download_progress: "downloading",
    download_completed: "downloaded",
    import_blocked: "downloaded",
    imported: "importing",
    imported_anime: "anime_matching",
    seen_in_library: "available",
    removed: "removed",
  },
  not_aired: {
    requested: "=",
    approved: "=",
    declined: "=",
    failed: "=",
    grabbed: "grabbing",
    download_progress: "downloading",
    download_completed: "downloaded",
    import_blocked: "downloaded",
    imported: "importing",
    imported_anime: "anime_matching",
    seen_in_library: "available",
    removed: "removed",
  },
  searching: {
    requested: "=",
    approved: "=",
    declined: "=",
    failed: "=",
    grabbed: "grabbing",
    download_progress: "downloading",
    download_completed: "downloaded",
    import_blocked: "downloaded",
    imported: "importing",
    imported_anime: "anime_matching",
    seen_in_library: "available",
    removed: "removed",
  },
  unmonitored: {
    requested: "=",
    approved: "=",
    declined: "=",
    failed: "=",
    grabbed: "grabbing",
    download_progress: "downloading",
    download_completed: "downloaded",
    import_blocked: "downloaded",
    imported: "importing",
    imported_anime: "anime_matching",
    seen_in_library: "available",
    removed: "removed",
  },
  grabbing: {
    requested: "=",
    approved: "=",
    declined: "=",
    failed: "=",
    grabbed: "=",
    download_progress: "downloading",
    download_completed: "downloaded",
    import_blocked: "downloaded",
    imported: "importing",
    imported_anime: "anime_matching",
    seen_in_library: "available",
    removed: "removed",
  },
  downloading: {
    requested: "=",
    approved: "=",
    declined: "=",
    failed: "=",
    grabbed: "=",
    download_progress: "=",
    download_completed: "downloaded",
    import_blocked: "downloaded",
    imported: "importing",
    imported_anime: "anime_matching",
    seen_in_library: "available",
    removed: "removed",
  },
  downloaded: {
    requested: "=",
    approved: "=",
    declined: "=",
    failed: "=",
    grabbed: "=",
    download_progress: "=",
    download_completed: "=",
    import_blocked: "=",
    imported: "importing",
    imported_anime: "anime_matching",
    seen_in_library: "available",
    removed: "removed",
  },
  importing: {
    requested: "=",
    approved: "=",
    declined: "=",
    failed: "=",
    grabbed: "=",
    download_progress: "=",
    download_completed: "=",
    import_blocked: "=",
    imported: "=",
    imported_anime: "anime_matching",
    seen_in_library: "available",
    removed: "removed",
  },
  anime_matching: {
    requested: "=",
    approved: "=",
    declined: "=",
    failed: "=",
    grabbed: "=",
    download_progress: "=",
    download_completed: "=",
    import_blocked: "=",
    imported: "=",
    imported_anime: "=",
    seen_in_library: "available",
    removed: "removed",
  },
  available: {
    requested: "=",
    approved: "=",
    declined: "=",
    failed: "=",
    grabbed: "=",
    download_progress: "=",
    download_completed: "=",
    import_blocked: "=",
    imported: "=",
    imported_anime: "=",
    seen_in_library: "=",
    removed: "removed",
  },
  declined: {
    requested: "=",
    approved: "=",
    declined: "=",
    failed: "=",
    grabbed: "grabbing",
    download_progress: "downloading",
    download_completed: "downloaded",
    import_blocked: "downloaded",
    imported: "importing",
    imported_anime: "anime_matching",
    seen_in_library: "available",
    removed: "removed",
  },
  failed: {
    requested: "=",
    approved: "approved",
    declined: "=",
    failed: "=",
    grabbed: "grabbing",
    download_progress: "downloading",
    download_completed: "downloaded",
    import_blocked: "downloaded",
    imported: "importing",
    imported_anime: "anime_matching",
    seen_in_library: "available",
    removed: "removed",
  },
  removed: {
    requested: "=",
    approved: "=",
    declined: "=",
    failed: "=",
    grabbed: "grabbing",
    download_progress: "downloading",
    download_completed: "downloaded",
    import_blocked: "downloaded",
    imported: "importing",
    imported_anime: "anime_matching",
    seen_in_library: "available",
    removed: "=",
  },
};

describe("nextStage over every stage × signal", () => {
  for (const from of itemStages) {
    for (const signal of signals) {
      const want = expected[from][signal];
      it(`${from} + ${signal} → ${want === "=" ? "unchanged" : want}`, () => {
        expect(nextStage(from, signal)).toBe(want === "=" ? null : want);
      });
    }
  }

  it("a new item takes the signal's stage directly", () => {
    for (const signal of signals) expect(nextStage(null, signal)).toBe(signalTarget[signal]);
  });

  it("never moves an on-track item backwards", () => {
    for (const from of itemStages.filter((s) => stageRank[s] >= 0)) {
      for (const signal of signals) {
        const to = nextStage(from, signal);
        if (to !== null && to !== "declined" && to !== "failed" && to !== "removed") expect(stageRank[to]).toBeGreaterThan(stageRank[from]);
      }
    }
  });
});
