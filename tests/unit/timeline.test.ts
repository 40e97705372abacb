import { describe, expect, it } from "vitest";
import { collapseProgress, PROGRESS_EVENT } from "@/lib/domain/timeline";

const line = (seq: number, event: string, downloadHash: string | null = null) => ({ seq, event, downloadHash });

describe("collapseProgress", () => {
  it("keeps every milestone and only the latest progress line of each download", () => {
    const lines = [
      line(1, "release.grabbed", "a"),
      line(2, PROGRESS_EVENT, "a"),
      line(3, PROGRESS_EVENT, "b"),
      line(4, PROGRESS_EVENT, "a"),
      line(5, "download.completed", "b"),
      line(6, PROGRESS_EVENT, "a"),
    ];
    expect(collapseProgress(lines).map((l) => l.seq)).toEqual([1, 3, 5, 6]);
  });
});
