import { describe, expect, it } from "vitest";
import { pickRequest, seasonsOverlap, type RequestCandidate } from "@/lib/domain/correlate";
import { attentionAfter } from "@/lib/domain/attention";
import { describeEpisodes, titleKey } from "@/lib/domain/describe";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const tv = (id: number, seasons: number[], stage: RequestCandidate["stage"], minute: number, jsr: number | null = id): RequestCandidate => ({
  id,
  mediaType: "tv",
  tmdbId: 1396,
  tvdbId: 81189,
  imdbId: null,
  seasons,
  stage,
  jellyseerrRequestId: jsr,
  createdAt: at(minute),
});
const show: { mediaType: "tv"; tmdbId: number | null; tvdbId: number | null; imdbId: string | null } = {
  mediaType: "tv",
  tmdbId: null,
  tvdbId: 81189,
  imdbId: null,
};

describe("pickRequest", () => {
  const table: { name: string; candidates: RequestCandidate[]; seasons: number[]; want: number | null; media?: typeof show }[] = [
    {
      name: "season 2 event goes to the season 2 request",
      candidates: [tv(1, [1], "downloading", 1), tv(2, [2], "approved", 2)],
      seasons: [2],
      want: 2,
    },
    {
      name: "season 1 event stays with season 1 even when season 2 is newer",
      candidates: [tv(1, [1], "downloading", 1), tv(2, [2], "approved", 2)],
      seasons: [1],
      want: 1,
    },
    { name: "unfinished beats newer finished", candidates: [tv(1, [1], "grabbing", 1), tv(2, [1], "available", 5)], seasons: [1], want: 1 },
    { name: "finished is used when nothing else matches (an upgrade)", candidates: [tv(1, [1], "available", 1)], seasons: [1], want: 1 },
    { name: "never a declined request", candidates: [tv(1, [1], "declined", 1)], seasons: [1], want: null },
    {
      name: "explicit season beats unstated seasons",
      candidates: [tv(1, [1], "approved", 1), tv(2, [], "grabbing", 9, null)],
      seasons: [1],
      want: 1,
    },
    { name: "newest wins among equals, ties by id", candidates: [tv(1, [1], "approved", 3), tv(2, [1], "approved", 3)], seasons: [1], want: 2 },
    {
      name: "one shared id does not match when another disagrees",
      candidates: [{ ...tv(1, [1], "approved", 1), imdbId: "tt1" }],
      seasons: [1],
      want: null,
      media: { ...show, tvdbId: 5, imdbId: "tt1" },
    },
    { name: "other media never matches", candidates: [{ ...tv(1, [1], "approved", 1), tvdbId: 5, tmdbId: 5 }], seasons: [1], want: null },
  ];
  for (const c of table) {
    it(c.name, () => {
      expect(pickRequest(c.candidates, c.media ?? show, c.seasons)?.id ?? null).toBe(c.want);
    });
  }

  it("can be limited to requests no Jellyseerr request has claimed", () => {
    expect(pickRequest([tv(1, [], "grabbing", 1, 7)], show, [1], { onlyWithoutJellyseerrId: true })).toBeNull();
  });

  it("treats an empty season list as all seasons", () => {
    expect(seasonsOverlap([], [3])).toBe(true);
    expect(seasonsOverlap([1, 2], [3])).toBe(false);
  });
});

describe("attention", () => {
  const blocked = { kind: "import_blocked" as const, reason: "x", since: at(1), stage: "downloaded" as const, specific: false };
  it("stays while the item has not progressed past where it was raised", () => {
    expect(attentionAfter(blocked, "downloaded")).toBe(blocked);
  });
  it("clears once the item gets past it", () => {
    expect(attentionAfter(blocked, "importing")).toBeNull();
  });
});

describe("wording", () => {
  it("describes episode sets", () => {
    expect(describeEpisodes([{ seasonNumber: 1, episodeNumber: 5 }])).toBe("S01E05");
    expect(describeEpisodes([1, 2, 3].map((episodeNumber) => ({ seasonNumber: 1, episodeNumber })))).toBe("S01E01–E03");
    expect(describeEpisodes([1, 3].map((episodeNumber) => ({ seasonNumber: 1, episodeNumber })))).toBe("2 episodes of season 1");
  });
  it("keys titles without case or punctuation", () => {
    expect(titleKey("Frieren: Beyond Journey's End")).toBe(titleKey("frieren beyond journeys end"));
    expect(titleKey("Pokémon")).toBe("pokemon");
  });
});
