import { describe, expect, it } from "vitest";
import { stagePresentation } from "@/lib/domain/presentation";
import { stages } from "@/lib/domain/stages";

describe("stage descriptions", () => {
  it.each(stages)("%s: the description adds to the label instead of repeating it", (stage) => {
    const { label, description } = stagePresentation[stage];
    expect(description.toLowerCase()).not.toContain(label.toLowerCase());
  });
});
