import { describe, expect, it } from "vitest";
import { mergeDownloads, mergeEpisodes } from "@/components/portal/live-merge";
import type { PortalDownload, PortalEpisode } from "@/lib/requests/transfer";

const ep = (seasonNumber: number, episodeNumber: number, stage: PortalEpisode["stage"]): PortalEpisode => ({
  seasonNumber,
  episodeNumber,
  title: null,
  airDate: null,
  stage,
  downloadHash: null,
  jellyfinItemId: null,
  updatedAt: "2026-01-01T00:00:00.000Z",
});
const dl = (hash: string, progress: number): PortalDownload => ({
  hash,
  name: hash,
  size: null,
  progress,
  downloadSpeed: null,
  etaSeconds: null,
  clientState: null,
  status: "downloading",
  quality: null,
  indexer: null,
  completedAt: null,
  importedAt: null,
});

describe("merging a live update's changed items", () => {
  const screen = [ep(1, 1, "requested"), ep(1, 2, "requested"), ep(2, 1, "requested")];
  it.each([
    {
      name: "no change list keeps the list",
      changed: null,
      want: [
        ["1x1", "requested"],
        ["1x2", "requested"],
        ["2x1", "requested"],
      ],
    },
    {
      name: "an empty change list keeps the list",
      changed: [],
      want: [
        ["1x1", "requested"],
        ["1x2", "requested"],
        ["2x1", "requested"],
      ],
    },
    {
      name: "a changed episode replaces its old copy in place",
      changed: [ep(1, 2, "grabbing")],
      want: [
        ["1x1", "requested"],
        ["1x2", "grabbing"],
        ["2x1", "requested"],
      ],
    },
    {
      name: "new episodes are added in season and episode order",
      changed: [ep(2, 2, "grabbing"), ep(1, 3, "grabbing")],
      want: [
        ["1x1", "requested"],
        ["1x2", "requested"],
        ["1x3", "grabbing"],
        ["2x1", "requested"],
        ["2x2", "grabbing"],
      ],
    },
  ])("$name", ({ changed, want }) => {
    expect(mergeEpisodes(screen, changed).map((e) => [`${e.seasonNumber}x${e.episodeNumber}`, e.stage])).toEqual(want);
  });

  it("downloads merge by hash: known ones keep their place, new ones come last", () => {
    const merged = mergeDownloads([dl("a", 0.1), dl("b", 0.2)], [dl("c", 0), dl("a", 0.5)]);
    expect(merged.map((d) => [d.hash, d.progress])).toEqual([
      ["a", 0.5],
      ["b", 0.2],
      ["c", 0],
    ]);
  });
});
