import { describe, expect, it } from "vitest";
import { afterNotifyPass, FULL_PASS_MS, notifyPassDue, type NotifyGateState } from "@/lib/workflows/notify/gate";

const T = 1_800_000_000_000;
const quiet: NotifyGateState = { seq: 40, passAt: T, nextDueAt: null, settling: false };

describe("notifyPassDue", () => {
  it.each([
    { why: "the first tick", state: null, now: T, seq: 0, want: true },
    { why: "a second later, nothing new", state: quiet, now: T + 1000, seq: 40, want: false },
    { why: "the timeline moved", state: quiet, now: T + 1000, seq: 41, want: true },
    { why: "the pass after a move", state: { ...quiet, settling: true }, now: T + 1000, seq: 40, want: true },
    { why: "a minute on, nothing new", state: quiet, now: T + FULL_PASS_MS, seq: 40, want: true },
    { why: "just under a minute", state: quiet, now: T + FULL_PASS_MS - 1, seq: 40, want: false },
    { why: "a message comes due", state: { ...quiet, nextDueAt: T + 5000 }, now: T + 5000, seq: 40, want: true },
    { why: "a message not due yet", state: { ...quiet, nextDueAt: T + 5000 }, now: T + 4999, seq: 40, want: false },
    // A database that was emptied (a restore) has a lower newest row: that is a change too.
    { why: "the timeline went back", state: quiet, now: T + 1000, seq: 12, want: true },
  ])("$why: $want", ({ state, now, seq, want }) => {
    expect(notifyPassDue(state, now, seq)).toBe(want);
  });
});

describe("afterNotifyPass", () => {
  it("settles once after a pass that saw the timeline move, then stays quiet", () => {
    const first = afterNotifyPass(null, T, 40, null);
    expect(first).toEqual({ seq: 40, passAt: T, nextDueAt: null, settling: false });
    const moved = afterNotifyPass(first, T + 1000, 41, T + 120_000);
    expect(moved).toEqual({ seq: 41, passAt: T + 1000, nextDueAt: T + 120_000, settling: true });
    expect(notifyPassDue(moved, T + 2000, 41)).toBe(true);
    const settled = afterNotifyPass(moved, T + 2000, 41, T + 120_000);
    expect(settled?.settling).toBe(false);
    expect(notifyPassDue(settled, T + 3000, 41)).toBe(false);
    expect(notifyPassDue(settled, T + 120_000, 41)).toBe(true);
  });
});
