import { describe, expect, it } from "vitest";
import { parseAliases } from "@/lib/auth/aliases";
import { deriveFacts, type RequestSnapshot } from "@/lib/notify/facts";
import { quietUntil } from "@/lib/notify/quiet";
import { HOUSEHOLD, resolveRecipients } from "@/lib/notify/recipients";
import { episodeRanges, renderMessage, type MessageItem } from "@/lib/notify/render";
import { maskChannelUrl, parseChannelUrl } from "@/lib/notify/url";

describe("channel URLs", () => {
  const cases: [string, unknown][] = [
    ["ntfy://ntfy.example.com/alerts", { scheme: "ntfy", server: "http://ntfy.example.com", topic: "alerts", username: null, password: null }],
    ["ntfys://me:pw@ntfy.sh:8443/alerts", { scheme: "ntfy", server: "https://ntfy.sh:8443", topic: "alerts", username: "me", password: "pw" }],
    ["discord://123456/abc-DEF_1", { scheme: "discord", webhookId: "123456", token: "abc-DEF_1" }],
    ["tgram://123456:ABC-def/-100987", { scheme: "tgram", botToken: "123456:ABC-def", chatId: "-100987" }],
    ["gotify://gotify.lan/AppToken1", { scheme: "gotify", endpoint: "http://gotify.lan/message", token: "AppToken1" }],
    ["gotifys://example.com/gotify/AppToken1", { scheme: "gotify", endpoint: "https://example.com/gotify/message", token: "AppToken1" }],
    [
      "mailto://u%40x.com:p@smtp.x.com:2525?to=a@x.com,b@x.com",
      { scheme: "mailto", host: "smtp.x.com", port: 2525, secure: false, user: "u@x.com", pass: "p", to: ["a@x.com", "b@x.com"], from: "u@x.com" },
    ],
    ["jsons://hooks.example.com/tracker?x=1", { scheme: "json", endpoint: "https://hooks.example.com/tracker?x=1" }],
    ["log://", { scheme: "log" }],
  ];
  it.each(cases)("%s", (url, target) => expect(parseChannelUrl(url)).toEqual({ ok: true, target }));

  it.each(["http://example.com", "ntfy://host", "discord://abc/tok", "tgram://onlytoken", "mailto://smtp.x.com", "nonsense"])(
    "refuses %s in plain words",
    (url) => {
      const parsed = parseChannelUrl(url);
      expect(parsed.ok).toBe(false);
    },
  );

  it("hides secrets when shown", () => {
    expect(maskChannelUrl("ntfys://me:pw@ntfy.sh/alerts")).toBe("ntfys://me:•••@ntfy.sh/alerts");
    expect(maskChannelUrl("discord://123456/secret")).toBe("discord://1234•••");
    expect(maskChannelUrl("gotify://gotify.lan/AppToken1")).toBe("gotify://gotify.lan/•••");
  });
});

describe("recipients", () => {
  const aliases = (() => {
    const p = parseAliases("alex=alexander,alex@example.com");
    if (!p.ok) throw new Error(p.message);
    return p.aliases;
  })();
  const members = [
    { nameKey: "alex", role: "member" as const },
    { nameKey: "root", role: "admin" as const },
  ];
  const cases: [
    string,
    Parameters<typeof resolveRecipients>[0]["audience"],
    { requestedBy: string | null; requestedByEmail: string | null },
    string[],
    string[],
  ][] = [
    ["own name", "requester", { requestedBy: "Alex", requestedByEmail: null }, [], ["alex"]],
    ["USER_ALIASES name", "requester", { requestedBy: "alexander", requestedByEmail: null }, [], ["alex"]],
    ["e-mail alias", "requester", { requestedBy: "x", requestedByEmail: "ALEX@example.com" }, [], ["alex"]],
    ["no member: admins, no one to tell", "requester", { requestedBy: "stranger", requestedByEmail: null }, [], ["root!", `${HOUSEHOLD}!`]],
    ["follower too", "requester", { requestedBy: "alex", requestedByEmail: null }, ["sam"], ["alex", "sam"]],
    ["stuck: requester and admins", "requester_and_admins", { requestedBy: "alex", requestedByEmail: null }, [], ["alex", "root", HOUSEHOLD]],
  ];
  it.each(cases)("%s", (_name, audience, request, followers, expected) => {
    const got = resolveRecipients({ audience, request, members, aliases, followers }).map((r) => `${r.recipient}${r.noOneToTell ? "!" : ""}`);
    expect(got).toEqual(expected);
  });
});

describe("quiet hours", () => {
  const at = (iso: string) => new Date(iso);
  const cases: [string, { timeZone: string; start: number | null; end: number | null }, string, string | null][] = [
    ["outside", { timeZone: "UTC", start: 22 * 60, end: 7 * 60 }, "2026-12-01T12:00:00Z", null],
    ["inside, before midnight", { timeZone: "UTC", start: 22 * 60, end: 7 * 60 }, "2026-12-01T23:30:00Z", "2026-12-02T07:00:00.000Z"],
    ["inside, after midnight", { timeZone: "UTC", start: 22 * 60, end: 7 * 60 }, "2026-12-02T03:15:00Z", "2026-12-02T07:00:00.000Z"],
    ["member's own zone", { timeZone: "Europe/Paris", start: 22 * 60, end: 7 * 60 }, "2026-12-01T21:30:00Z", "2026-12-02T06:00:00.000Z"],
    ["none set", { timeZone: "UTC", start: null, end: null }, "2026-12-01T23:30:00Z", null],
  ];
  it.each(cases)("%s", (_n, quiet, now, until) => expect(quietUntil(quiet, at(now))?.toISOString() ?? null).toBe(until));
});

describe("messages", () => {
  it("compresses episode ranges", () => expect(episodeRanges([6, 1, 2, 3, 5, 9, 10])).toBe("E01–E03, E05–E06, E09–E10"));

  const base = { requestId: 4, title: "Severance", year: 2022, mediaType: "tv" as const, posterUrl: null, stage: "partially_available" as const };
  const ep = (episode: number, first = false): MessageItem => ({ kind: "episode", data: { ...base, season: 1, episode, first } });
  const cases: [string, MessageItem[], string][] = [
    ["a batch of episodes", [1, 2, 3, 4, 5, 6].map((e) => ep(e, e === 1)), "Severance S01E01–E06 are ready to watch"],
    ["the first episode alone", [ep(1, true)], "Severance S01E01 is ready to watch — the first of season 1"],
    [
      "a completed season",
      [ep(7), ep(8), { kind: "season_complete", data: { ...base, season: 1 } }],
      "Severance season 1 is complete: S01E07–E08 are ready to watch",
    ],
    ["a movie", [{ kind: "ready", data: { ...base, mediaType: "movie", title: "Dune", year: 2021 } }], "Dune (2021) is ready to watch"],
    ["stuck", [{ kind: "stuck", data: { ...base, reason: "Stalled: no seeds for 3 h" } }], "Severance is stuck: Stalled: no seeds for 3 h"],
    ["declined", [{ kind: "declined", data: base }], "Your request for Severance was declined"],
  ];
  it.each(cases)("%s", (_n, items, title) => expect(renderMessage(items, { baseUrl: "http://t", summary: false }).title).toBe(title));
});

describe("facts", () => {
  const since = new Date("2026-12-01T00:00:00Z");
  const now = new Date("2026-12-01T12:00:00Z");
  const r = (o: Partial<RequestSnapshot>): RequestSnapshot => ({
    id: 1,
    mediaType: "movie",
    title: "Dune",
    year: 2021,
    posterUrl: null,
    stage: "downloading",
    stageTimes: {},
    attentionKind: null,
    attentionReason: null,
    attentionSince: null,
    ...o,
  });
  const keys = (snapshot: RequestSnapshot, eps = [] as Parameters<typeof deriveFacts>[1]) => deriveFacts(snapshot, eps, now, since).map((f) => f.key);
  it("a movie available after notifications started", () =>
    expect(keys(r({ stage: "available", stageTimes: { available: "2026-12-01T11:00:00Z" } }))).toEqual(["ready:1"]));
  it("not an old one", () => expect(keys(r({ stage: "available", stageTimes: { available: "2026-11-01T11:00:00Z" } }))).toEqual([]));
  it("stuck only after 30 minutes", () => {
    expect(keys(r({ attentionKind: "stalled", attentionReason: "x", attentionSince: new Date("2026-12-01T11:45:00Z") }))).toEqual([]);
    expect(keys(r({ attentionKind: "stalled", attentionReason: "x", attentionSince: new Date("2026-12-01T11:00:00Z") }))).toEqual([
      `stuck:1:stalled:${Date.parse("2026-12-01T11:00:00Z")}`,
    ]);
  });
  it("episodes, the first of a season, and the season when all are in", () => {
    const t = (h: number) => ({ available: `2026-12-01T0${h}:00:00Z` });
    const facts = deriveFacts(
      r({ mediaType: "tv", stage: "available" }),
      [
        { seasonNumber: 1, episodeNumber: 1, stage: "available", stageTimes: t(1) },
        { seasonNumber: 1, episodeNumber: 2, stage: "available", stageTimes: t(2) },
      ],
      now,
      since,
    );
    expect(facts.map((f) => [f.key, f.data.first ?? null])).toEqual([
      ["episode:1:1:1", true],
      ["episode:1:1:2", false],
      ["season:1:1", null],
    ]);
  });
  describe("later episodes of an airing season belong to their release day", () => {
    type Ep = Parameters<typeof deriveFacts>[1][number];
    const ready = (n: number, airDate: string | null, at = "2026-12-01T08:00:00Z"): Ep => ({
      seasonNumber: 1,
      episodeNumber: n,
      stage: "available",
      stageTimes: { available: n === 1 ? "2026-12-01T01:00:00Z" : at },
      airDate,
    });
    const other = (n: number, stage: string, airDate: string | null): Ep => ({ seasonNumber: 1, episodeNumber: n, stage, stageTimes: {}, airDate });
    const cases: [string, Ep[], Record<string, unknown>][] = [
      [
        "a day-mate still downloading: the day waits",
        [ready(1, "2026-11-10"), ready(2, "2026-11-17"), other(3, "downloading", "2026-11-17"), other(4, "not_aired", "2099-01-01")],
        { "episode:1:1:1": null, "episode:1:1:2": { day: "2026-11-17", complete: false } },
      ],
      [
        "the day complete",
        [ready(1, "2026-11-10"), ready(2, "2026-11-17"), ready(3, "2026-11-17T02:00:00Z"), other(4, "not_aired", "2099-01-01")],
        {
          "episode:1:1:1": null,
          "episode:1:1:2": { day: "2026-11-17", complete: true },
          "episode:1:1:3": { day: "2026-11-17", complete: true },
        },
      ],
      [
        "an unmonitored day-mate is not waited for",
        [ready(1, "2026-11-10"), ready(2, "2026-11-17"), other(3, "unmonitored", "2026-11-17"), other(4, "not_aired", "2099-01-01")],
        { "episode:1:1:1": null, "episode:1:1:2": { day: "2026-11-17", complete: true } },
      ],
      [
        "no air date: the day it became ready",
        [ready(1, null), ready(2, null), other(3, "not_aired", null)],
        { "episode:1:1:1": null, "episode:1:1:2": { day: "2026-12-01", complete: true } },
      ],
      [
        "released this week, nothing left to air: still airing; the season's completion joins its last day",
        [ready(1, "2026-11-24"), ready(2, "2026-11-28")],
        { "episode:1:1:1": null, "episode:1:1:2": { day: "2026-11-28", complete: true }, "season:1:1": { day: "2026-11-28", complete: true } },
      ],
      [
        "an old season (a backlog): the batch window only",
        [ready(1, "2023-10-06"), ready(2, "2023-10-13"), other(3, "downloading", "2023-10-13")],
        { "episode:1:1:1": null, "episode:1:1:2": null },
      ],
    ];
    it.each(cases)("%s", (_n, eps, expected) => {
      const facts = deriveFacts(r({ mediaType: "tv", stage: "partially_available" }), eps, now, since);
      expect(Object.fromEntries(facts.map((f) => [f.key, f.release ?? null]))).toEqual(expected);
    });
  });
});
