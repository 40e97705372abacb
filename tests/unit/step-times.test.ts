import { describe, expect, it } from "vitest";
import type { PipelineStage } from "@/lib/domain/stages";
import { stepTimes } from "@/lib/domain/step-times";

const steps: PipelineStage[] = ["requested", "approved", "grabbing", "downloading", "downloaded", "importing", "available"];
const upTo = (last: PipelineStage) => (s: PipelineStage) => steps.indexOf(s) <= steps.indexOf(last);
const created = "2026-12-01T10:00:00.000Z";

describe("stepTimes", () => {
  it.each<[string, PipelineStage, Record<string, string>, Partial<Record<PipelineStage, string>>]>([
    ["requested falls back to the request's creation", "requested", {}, { requested: created }],
    [
      "a stamped step keeps its own time; requested is the creation time",
      "grabbing",
      { approved: "2026-12-01T10:01:00.000Z", grabbing: "2026-12-01T10:05:00.000Z" },
      { requested: created, approved: "2026-12-01T10:01:00.000Z", grabbing: "2026-12-01T10:05:00.000Z" },
    ],
    [
      "a skipped step was passed when the next stamped step was reached",
      "downloaded",
      { requested: "2026-12-01T09:59:00.000Z", approved: "2026-12-01T10:01:00.000Z", downloaded: "2026-12-01T10:30:00.000Z" },
      {
        requested: "2026-12-01T09:59:00.000Z",
        approved: "2026-12-01T10:01:00.000Z",
        grabbing: "2026-12-01T10:30:00.000Z",
        downloading: "2026-12-01T10:30:00.000Z",
        downloaded: "2026-12-01T10:30:00.000Z",
      },
    ],
  ])("%s", (_name, last, stamps, expected) => {
    expect(stepTimes(steps, upTo(last), stamps, created)).toEqual(expected);
  });
});
