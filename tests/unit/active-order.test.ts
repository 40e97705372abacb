import { describe, expect, it } from "vitest";
import { type ActiveSort, freezeOrder, isNoticeableChange, type Orderable, orderActive, parseActiveSort } from "@/lib/domain/active-order";

const row = (id: number, o: Partial<Orderable> = {}): Orderable => ({
  id,
  title: `Title ${id}`,
  mediaType: "movie",
  requestedBy: null,
  stage: "downloading",
  progress: null,
  createdAt: `2026-12-01T0${id}:00:00Z`,
  updatedAt: `2026-12-01T0${id}:00:00Z`,
  attention: null,
  ...o,
});

const ids = (rows: Orderable[]) => rows.map((r) => r.id);

describe("parseActiveSort", () => {
  it.each<[string | null, ActiveSort]>([
    [null, { key: "requested", desc: true }],
    ["", { key: "requested", desc: true }],
    ["attention.desc", { key: "requested", desc: true }],
    ["title", { key: "title", desc: false }],
    ["title.desc", { key: "title", desc: true }],
    ["progress", { key: "progress", desc: true }],
    ["updated.asc", { key: "updated", desc: false }],
  ])("%s", (value, sort) => {
    expect(parseActiveSort(value)).toEqual(sort);
  });
});

describe("orderActive", () => {
  const rows = [row(1), row(2, { attention: { since: "2026-12-01T05:00:00Z" } }), row(3), row(4, { attention: { since: "2026-12-01T04:00:00Z" } })];

  it("pins requests that need attention first, longest-troubled on top, then the newest request first", () => {
    expect(ids(orderActive(rows, parseActiveSort(null), null))).toEqual([4, 2, 3, 1]);
  });

  it("orders the rest by a chosen stable key", () => {
    const named = [row(1, { title: "b" }), row(2, { title: "C" }), row(3, { title: "a" })];
    expect(ids(orderActive(named, { key: "title", desc: false }, null))).toEqual([3, 1, 2]);
  });

  it("keeps a volatile order still while the values behind it change", () => {
    const sort: ActiveSort = { key: "progress", desc: true };
    const before = [row(1, { progress: 0.9 }), row(2, { progress: 0.5 }), row(3, { progress: 0.1 })];
    const frozen = freezeOrder(before, sort);
    expect(ids(orderActive(before, sort, frozen))).toEqual([1, 2, 3]);
    const after = [row(1, { progress: 0.95 }), row(2, { progress: 0.55 }), row(3, { progress: 0.99 })];
    expect(ids(orderActive(after, sort, frozen))).toEqual([1, 2, 3]);
    // Re-sorting (a new frozen order) is what applies the new values.
    expect(ids(orderActive(after, sort, freezeOrder(after, sort)))).toEqual([3, 1, 2]);
  });

  it("puts rows that arrived after the order was taken first, and moves a row that needs attention up", () => {
    const sort: ActiveSort = { key: "updated", desc: true };
    const frozen = freezeOrder([row(1), row(2), row(3)], sort);
    const later = [row(1, { attention: { since: "2026-12-01T09:00:00Z" } }), row(2, { updatedAt: "2026-12-01T09:30:00Z" }), row(3), row(5)];
    expect(ids(orderActive(later, sort, frozen))).toEqual([1, 5, 3, 2]);
  });

  it("ties fall back to the newest request first", () => {
    const same = [row(1, { stage: "grabbing" }), row(2, { stage: "grabbing" }), row(3, { stage: "downloading" })];
    expect(ids(orderActive(same, { key: "stage", desc: true }, null))).toEqual([3, 2, 1]);
  });
});

describe("isNoticeableChange", () => {
  const base = { stage: "downloading" as const, attention: null, episodeCounts: { downloading: 2, available: 1 } };
  it.each<[string, Partial<Parameters<typeof isNoticeableChange>[1]>, boolean]>([
    ["a progress tick (nothing a reader sees besides the bar)", {}, false],
    ["the same counts in another key order", { episodeCounts: { available: 1, downloading: 2 } }, false],
    ["a new stage", { stage: "downloaded" }, true],
    ["attention raised", { attention: { kind: "stalled", reason: "Stalled: no seeds" } }, true],
    ["an episode moved on", { episodeCounts: { downloading: 1, available: 2 } }, true],
  ])("%s → %s", (_name, change, noticeable) => {
    expect(isNoticeableChange(base, { ...base, ...change })).toBe(noticeable);
  });
});
