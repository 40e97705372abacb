import { describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { createVerifyAvailability } from "@/inngest/functions/verify-availability";
import {
  freshClient,
  IMPORTED,
  importedMovie,
  jellyfin,
  noItemAdded,
  outboxOf,
  requestById,
  runtime,
  sleeps,
  useFakeJellyfin,
  verifyEvent,
} from "../helpers/inngest-world";

useFakeJellyfin();

describe("verify-availability", () => {
  it("makes the movie available at the first check when Jellyfin already has it", async () => {
    const request = await importedMovie();
    jellyfin().items.push({
      Id: "a1b2",
      Name: "The Matrix",
      Type: "Movie",
      ProviderIds: { Tmdb: String(request.tmdbId) },
      Path: IMPORTED,
      playable: true,
    });
    const t = new InngestTestEngine({ function: createVerifyAvailability(runtime, freshClient()) });
    const { result, ctx } = await t.execute({ events: verifyEvent(request.id), steps: sleeps, transformCtx: noItemAdded });
    expect(result).toEqual({ status: "available", attempts: 1 });
    expect(ctx.step.sleep).not.toHaveBeenCalled();
    expect(await requestById(request.id)).toMatchObject({ stage: "available", jellyfinItemId: "a1b2", attentionKind: null });
    expect(await outboxOf(request.id)).toEqual(["tracker/import.completed", "tracker/library.item_seen"]);
  });
});
