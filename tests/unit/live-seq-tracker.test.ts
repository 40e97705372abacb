import { describe, expect, it } from "vitest";
import { SeqTracker } from "@/lib/live/seq-tracker";
import { parseLastEventId } from "@/lib/live/sse";

describe("SeqTracker", () => {
  it("passes rows in order once and ignores re-reads", () => {
    const t = new SeqTracker(5);
    expect(t.accept([6, 7], 0)).toEqual([6, 7]);
    expect(t.accept([6, 7, 8], 0)).toEqual([8]);
    expect(t.readFloor(0)).toBe(8);
  });

  it("re-reads below a gap until the late commit shows up", () => {
    const t = new SeqTracker(9);
    expect(t.accept([11], 0)).toEqual([11]);
    expect(t.gapCount).toBe(1);
    expect(t.readFloor(0)).toBe(9);
    expect(t.accept([10, 11, 12], 1)).toEqual([10, 12]);
    expect(t.gapCount).toBe(0);
    expect(t.readFloor(1)).toBe(12);
  });

  it("forgets a gap that never fills (a rolled-back insert)", () => {
    const t = new SeqTracker(0, 1_000);
    t.accept([2], 0);
    expect(t.readFloor(500)).toBe(0);
    expect(t.readFloor(2_000)).toBe(2);
  });
});

describe("parseLastEventId", () => {
  const url = (q = "") => new URL(`http://x/api/events${q}`);
  it("prefers the header, falls back to the query parameter, rejects junk", () => {
    expect(parseLastEventId(new Headers({ "last-event-id": "42" }), url("?lastEventId=7"))).toBe(42);
    expect(parseLastEventId(new Headers(), url("?lastEventId=7"))).toBe(7);
    expect(parseLastEventId(new Headers(), url())).toBeNull();
    expect(parseLastEventId(new Headers({ "last-event-id": "abc" }), url())).toBeNull();
  });
});
