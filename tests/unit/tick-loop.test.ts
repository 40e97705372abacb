import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";
import { delayAfter, type FailingTicks, NO_FAILURES, recordFailure, REPEAT_LOG_MS, tickLoop } from "@/lib/workflows/tick-loop";

const failing = (failures: number): FailingTicks => ({ failures, loggedAt: 0, loggedMessage: "down" });

describe("delayAfter", () => {
  it.each([
    { failures: 0, everyMs: 1000, capMs: 30_000, want: 1000 },
    { failures: 1, everyMs: 1000, capMs: 30_000, want: 1000 },
    { failures: 2, everyMs: 1000, capMs: 30_000, want: 2000 },
    { failures: 3, everyMs: 1000, capMs: 30_000, want: 4000 },
    { failures: 6, everyMs: 1000, capMs: 30_000, want: 30_000 },
    { failures: 500, everyMs: 1000, capMs: 30_000, want: 30_000 },
    // A loop slower than the cap keeps its own interval.
    { failures: 4, everyMs: 600_000, capMs: 60_000, want: 600_000 },
  ])("$failures failures in a row, every $everyMs ms, cap $capMs ms: $want ms", ({ failures, everyMs, capMs, want }) => {
    expect(delayAfter(failing(failures), everyMs, capMs)).toBe(want);
  });
});

describe("recordFailure", () => {
  it("logs the first failure, then the same failure only once a minute, and a different one at once", () => {
    const steps: [message: string, at: number, logged: boolean][] = [
      ["database gone", 0, true],
      ["database gone", 1000, false],
      ["database gone", REPEAT_LOG_MS - 1, false],
      ["database gone", REPEAT_LOG_MS, true],
      ["database gone", REPEAT_LOG_MS + 1000, false],
      ["connection refused", REPEAT_LOG_MS + 2000, true],
      ["connection refused", REPEAT_LOG_MS + 3000, false],
      ["Failed query: update outbox …\nparams: 2026-12-02T13:55:32Z", REPEAT_LOG_MS + 4000, true],
      // The same failed query with other parameters is the same failure.
      ["Failed query: update outbox …\nparams: 2026-12-02T13:55:37Z", REPEAT_LOG_MS + 9000, false],
    ];
    let state = NO_FAILURES;
    steps.forEach(([message, at, logged], i) => {
      const next = recordFailure(state, message, at);
      expect({ step: i, log: next.log }).toEqual({ step: i, log: logged });
      expect(next.state.failures).toBe(i + 1);
      state = next.state;
    });
  });
});

describe("tickLoop", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("backs a failing tick off to the cap and logs it once a minute; a tick that works again resets both", async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    const info = vi.spyOn(log, "info").mockImplementation(() => {});
    let runs = 0;
    let down = true;
    const stop = tickLoop("notify", 1000, async () => {
      runs += 1;
      if (down) throw new Error('database "status_tracker" does not exist');
    });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    // Every second would be 600 tries and 600 lines: 1, 1, 2, 4, … 32 s, then a minute apart.
    expect(runs).toBeGreaterThanOrEqual(15);
    expect(runs).toBeLessThanOrEqual(17);
    const failed = warn.mock.calls.filter(([message]) => message === "notify tick failed").length;
    expect(failed).toBeGreaterThanOrEqual(9);
    expect(failed).toBeLessThanOrEqual(11);

    down = false;
    await vi.advanceTimersByTimeAsync(60_000); // the next try, at most a minute away, works
    expect(info.mock.calls.some(([message]) => message === "notify tick works again")).toBe(true);
    const before = runs;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs - before).toBe(10); // every second again
    await stop();
  });

  it("keeps a quiet loop's interval under its own cap and logs nothing", async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    let runs = 0;
    const stop = tickLoop(
      "intake",
      1000,
      async () => {
        runs += 1;
        throw new Error("down");
      },
      { quiet: true, capMs: 1000 },
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(60);
    expect(warn).not.toHaveBeenCalled();
    await stop();
  });
});
