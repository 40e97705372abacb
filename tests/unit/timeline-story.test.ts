import { describe, expect, it } from "vitest";
import type { EpisodeNumber, Source } from "@/lib/domain/events";
import { tellStory } from "@/lib/domain/timeline-story";
import { describeEpisodeRanges, type StoryEntry, storyFacts } from "@/lib/domain/timeline-words";

const ep = (episodeNumber: number, seasonNumber = 1): EpisodeNumber => ({ seasonNumber, episodeNumber });
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, 0) + minute * 60_000).toISOString();

let seq = 0;
function entry(event: string, source: Source, o: Partial<StoryEntry> & { minute?: number } = {}): StoryEntry {
  seq += 1;
  const { minute = seq, ...rest } = o;
  return { seq, at: at(minute), source, event, message: `${event} as stored`, episodes: null, facts: {}, ...rest };
}

const texts = (entries: StoryEntry[], mediaType: "movie" | "tv" = "tv") => tellStory(entries, mediaType).map((l) => l.text);

describe("describeEpisodeRanges", () => {
  it.each<[EpisodeNumber[], string]>([
    [[ep(5)], "S01E05"],
    [[ep(3), ep(1), ep(2)], "S01E01–E03"],
    [[ep(1), ep(2), ep(3), ep(5), ep(6)], "S01E01–E03, E05–E06"],
    [[ep(1), ep(2), ep(1, 2), ep(2, 2)], "S01E01–E02, S02E01–E02"],
    [[ep(1), ep(3), ep(5), ep(7), ep(9)], "5 episodes of season 1"],
    [[ep(1), ep(3), ep(5), ep(1, 2), ep(3, 2)], "5 episodes"],
    [[ep(2), ep(2)], "S01E02"],
  ])("%o → %s", (episodes, text) => {
    expect(describeEpisodeRanges(episodes)).toBe(text);
  });
});

describe("tellStory", () => {
  it("folds a season's per-episode rows into one line per happening, in the order they began", () => {
    const rows: StoryEntry[] = [entry("request.approved", "jellyseerr", { message: "Request approved (season 1)" })];
    rows.push(entry("release.grabbed", "sonarr", { episodes: [1, 2, 3, 4, 5, 6].map((n) => ep(n)), facts: { quality: "WEBDL-1080p" } }));
    for (const n of [1, 2, 3, 4, 5, 6]) {
      rows.push(entry("release.imported", "sonarr", { episodes: [ep(n)] }));
      rows.push(entry("library.item_added", "jellyfin", { episodes: [ep(n)] }));
    }
    expect(texts(rows)).toEqual([
      "Request approved (season 1)",
      "Sonarr grabbed S01E01–E06 (WEBDL-1080p)",
      "Sonarr imported S01E01–E06",
      "S01E01–E06 are in Jellyfin, ready to watch",
    ]);
    const imported = tellStory(rows, "tv")[2];
    expect(imported?.seqs).toHaveLength(6);
    expect(imported?.details).toContainEqual({ label: "Events", value: "6" });
  });

  it("says ready to watch once per episode, whoever reported it", () => {
    const rows = [
      entry("library.item_added", "jellyfin", { episodes: [ep(6)], facts: { itemId: "abc" } }),
      entry("library.verified", "tracker", { episodes: [ep(6)], facts: { itemId: "abc", how: "by tvdb 42" } }),
    ];
    expect(texts(rows)).toEqual(["S01E06 is in Jellyfin, ready to watch"]);
  });

  it("words a movie's lines from the facts, with the ids behind the details", () => {
    const rows = [
      entry("release.grabbed", "radarr", {
        facts: { release: "The.Matrix.1999.1080p", quality: "Bluray-1080p", downloadId: "ABCDEF", indexer: "Nyaa" },
      }),
      entry("download.completed", "qbittorrent", { facts: { hash: "abcdef", release: "The.Matrix.1999.1080p" } }),
      entry("library.verified", "tracker", {
        message: "It found in Jellyfin (by tmdb 603, tt0133093) and ready to watch",
        facts: { how: "by tmdb 603, tt0133093", itemId: "j1" },
      }),
      entry("library.item_added", "jellyfin", { facts: { itemId: "j1" } }),
    ];
    const story = tellStory(rows, "movie");
    expect(story.map((l) => l.text)).toEqual([
      "Radarr grabbed the movie (Bluray-1080p)",
      "Finished downloading the movie",
      "The movie is in Jellyfin, ready to watch",
    ]);
    expect(story[0]?.details).toEqual([
      { label: "Release", value: "The.Matrix.1999.1080p" },
      { label: "Quality", value: "Bluray-1080p" },
      { label: "Indexer", value: "Nyaa" },
      { label: "Download hash", value: "abcdef" },
    ]);
    expect(story[2]?.details).toContainEqual({ label: "Found", value: "by tmdb 603, tt0133093" });
    for (const line of story) expect(line.text).not.toMatch(/tmdb|tt\d|1999/);
  });

  it("shows a download's progress only as its latest state, and only while it runs", () => {
    const tick = (hash: string, progress: number, etaSeconds: number) =>
      entry("download.progress", "qbittorrent", { episodes: [ep(1), ep(2)], facts: { hash, progress, speed: 2_200_000, etaSeconds } });
    const running = [tick("a", 0.1, 600), tick("a", 0.43, 9)];
    expect(texts(running)).toEqual(["Downloading S01E01–E02: 43 %, 2.1 MB/s, less than a minute left"]);
    const done = [...running, entry("download.completed", "qbittorrent", { episodes: [ep(1), ep(2)], facts: { hash: "A" } })];
    expect(texts(done)).toEqual(["Finished downloading S01E01–E02"]);
  });

  it("starts a new line when the same kind of row comes long after the last", () => {
    const rows = [
      entry("release.grabbed", "sonarr", { episodes: [ep(1)], minute: 0 }),
      entry("release.grabbed", "sonarr", { episodes: [ep(2)], minute: 60 }),
      entry("release.grabbed", "sonarr", { episodes: [ep(3)], minute: 60 * 5 }),
    ];
    expect(texts(rows)).toEqual(["Sonarr grabbed S01E01–E02", "Sonarr grabbed S01E03"]);
  });

  it("keeps upgrades apart and says ready again after an upgrade was imported", () => {
    const rows = [
      entry("release.imported", "sonarr", { episodes: [ep(1)] }),
      entry("library.item_added", "jellyfin", { episodes: [ep(1)] }),
      entry("release.imported", "sonarr", { episodes: [ep(1)], facts: { upgrade: true } }),
      entry("library.item_added", "jellyfin", { episodes: [ep(1)] }),
    ];
    expect(texts(rows)).toEqual(["Sonarr imported S01E01", "S01E01 is in Jellyfin, ready to watch", "Sonarr imported an upgrade of S01E01"]);
  });

  it("keeps the stored words of rows without facts, each said once in a row", () => {
    const rows = [
      entry("release.grabbed", "sonarr", { message: "Sonarr grabbed S01E01–E03: Show.S01 (WEBDL)" }),
      entry("attention.raised", "tracker", { message: "Stalled: no seeds" }),
      entry("attention.raised", "tracker", { message: "Stalled: no seeds" }),
      entry("attention.cleared", "tracker", { message: "Moving again" }),
    ];
    expect(texts(rows)).toEqual(["Sonarr grabbed S01E01–E03: Show.S01 (WEBDL)", "Stalled: no seeds", "Moving again"]);
  });
});

describe("attention lines", () => {
  it.each<[string, string, string, { label: string; value: string }[]]>([
    ["stalled", "Stalled: no seeds", "Needs attention: Stalled — no seeds", []],
    ["import_blocked", "Import blocked: no eligible files", "Needs attention: Import blocked — no eligible files", []],
    [
      "not_found_in_library",
      "Not found in Jellyfin: looked up tmdb 603 in Jellyfin: no such movie; asked Jellyfin to rescan /movies/M",
      "Needs attention: Not in library",
      [{ label: "Diagnosis", value: "Not found in Jellyfin: looked up tmdb 603 in Jellyfin: no such movie; asked Jellyfin to rescan /movies/M" }],
    ],
    ["unknown", "Something odd", "Something odd", []],
  ])("%s: %s", (kind, message, text, details) => {
    const [line] = tellStory([entry("attention.raised", "tracker", { message, facts: { kind } })], "movie");
    expect(line?.text).toBe(text);
    expect(line?.details).toEqual(details);
  });
});

describe("storyFacts", () => {
  it("splits stored data into episodes and plain facts", () => {
    expect(
      storyFacts({
        episodes: [{ seasonNumber: 1, episodeNumber: 2 }, { bad: true }],
        hash: "x",
        upgrade: false,
        size: 5,
        paths: ["/a"],
        nested: { a: 1 },
      }),
    ).toEqual({ episodes: [ep(2)], facts: { hash: "x", upgrade: false, size: 5, paths: ["/a"] } });
    expect(storyFacts({ episodes: 3 })).toEqual({ episodes: null, facts: {} });
    expect(storyFacts(null)).toEqual({ episodes: null, facts: {} });
  });
});
