import { describe, expect, it } from "vitest";
import { attentionSummary, type AttentionFacts } from "@/lib/domain/attention-text";

const now = Date.parse("2026-12-01T12:00:00Z");

describe("attentionSummary", () => {
  it.each<[AttentionFacts, number | null, string]>([
    [{ kind: "stalled", reason: "Stalled: no seeds", since: "2026-12-01T10:00:00Z" }, now, "Stalled for 2 h — no seeds"],
    [{ kind: "stalled", reason: "stalled : no connections", since: "2026-12-01T11:45:00Z" }, now, "Stalled for 15 min — no connections"],
    [
      { kind: "import_blocked", reason: "Import blocked: no files found are eligible", since: "2026-11-28T12:00:00Z" },
      now,
      "Import blocked for 3 d — no files found are eligible",
    ],
    [
      { kind: "upstream_error", reason: "Download failed: tracker error", since: "2026-12-01T11:59:30Z" },
      now,
      "Service error for under a minute — Download failed: tracker error",
    ],
    [{ kind: "stalled", reason: "Stalled: no seeds", since: "2026-12-01T10:00:00Z" }, null, "Stalled — no seeds"],
    [{ kind: "not_found_in_library", reason: "", since: null }, now, "Not in library"],
  ])("%o", (attention, at, text) => {
    expect(attentionSummary(attention, at)).toBe(text);
  });
});
