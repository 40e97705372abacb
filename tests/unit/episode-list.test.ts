import { describe, expect, it } from "vitest";
import { preGrabStage, settle, takeEpisodeList, type ListedEpisode, type RequestState } from "@/lib/domain/request-state";

const now = new Date("2026-12-01T12:00:00Z");
const listed = (n: number, over: Partial<ListedEpisode> = {}): ListedEpisode => ({
  seasonNumber: 1,
  episodeNumber: n,
  title: `Episode ${n}`,
  airDate: null,
  tvdbId: 1000 + n,
  arrEpisodeId: 50 + n,
  monitored: true,
  airDateUtc: "2026-11-01T01:00:00Z",
  ...over,
});

function tvRequest(): RequestState {
  return {
    id: 1,
    mediaType: "tv",
    ownStage: "approved",
    stage: "approved",
    requestedSeasons: [1],
    listKnown: false,
    attention: null,
    stageTimes: {},
    episodes: new Map(),
  };
}

describe("preGrabStage", () => {
  const cases: { name: string; monitored: boolean; airDateUtc: string | null; want: string }[] = [
    { name: "aired and monitored: searching", monitored: true, airDateUtc: "2026-11-30T01:00:00Z", want: "searching" },
    { name: "airs later: not aired yet", monitored: true, airDateUtc: "2026-12-12T01:00:00Z", want: "not_aired" },
    { name: "no air date announced: not aired yet", monitored: true, airDateUtc: null, want: "not_aired" },
    { name: "not monitored, aired or not", monitored: false, airDateUtc: "2026-11-30T01:00:00Z", want: "unmonitored" },
  ];
  for (const c of cases) it(c.name, () => expect(preGrabStage(c, now)).toBe(c.want));
});

describe("takeEpisodeList", () => {
  it("makes every requested episode a row, leaves other seasons out, and only then can the season be complete", () => {
    const state = tvRequest();
    const added = takeEpisodeList(
      state,
      [listed(1), listed(2, { airDateUtc: "2026-12-12T01:00:00Z" }), listed(3, { monitored: false }), listed(1, { seasonNumber: 2 })],
      now,
    );
    expect(added).toBe(3);
    expect([...state.episodes.values()].map((e) => e.stage)).toEqual(["searching", "not_aired", "unmonitored"]);
    expect(state.listKnown).toBe(true);
    expect(settle(state, now)).toMatchObject({ after: "searching", counts: { searching: 1, not_aired: 1, unmonitored: 1 } });
  });

  it("never moves an episode that was grabbed back, and a re-read changes nothing", () => {
    const state = tvRequest();
    takeEpisodeList(state, [listed(1), listed(2)], now);
    const e1 = state.episodes.get("1x1");
    if (!e1) throw new Error("missing");
    e1.stage = "downloading";
    for (const e of state.episodes.values()) e.changed = false;
    expect(takeEpisodeList(state, [listed(1), listed(2)], now)).toBe(0);
    expect(e1.stage).toBe("downloading");
    expect([...state.episodes.values()].some((e) => e.changed)).toBe(false);
  });

  it("a newly announced episode joins the request; when it airs it is searched for", () => {
    const state = tvRequest();
    takeEpisodeList(state, [listed(1)], now);
    expect(takeEpisodeList(state, [listed(1), listed(2, { airDateUtc: "2026-12-05T01:00:00Z" })], now)).toBe(1);
    expect(state.episodes.get("1x2")?.stage).toBe("not_aired");
    expect(takeEpisodeList(state, [listed(1), listed(2, { airDateUtc: "2026-12-05T01:00:00Z" })], new Date("2026-12-06T00:00:00Z"))).toBe(1);
    expect(state.episodes.get("1x2")?.stage).toBe("searching");
  });
});
