import { describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { createVerifyAvailability } from "@/inngest/functions/verify-availability";
import { postWebhook } from "../helpers/webhooks";
import {
  animeImport,
  freshClient,
  importedMovie,
  noItemAdded,
  requestById,
  runtime,
  sleeps,
  useFakeJellyfin,
  verifyEvent,
} from "../helpers/inngest-world";

useFakeJellyfin();

describe("verify-availability", () => {
  it("never asks for a full scan while an anime item waits on Shokofin", async () => {
    const request = await importedMovie();
    await postWebhook("radarr", animeImport("d".repeat(40), 916224, "Suzume", "/anime/Suzume/Suzume.mkv"));
    const t = new InngestTestEngine({ function: createVerifyAvailability(runtime, freshClient()) });
    await t.execute({ events: verifyEvent(request.id), steps: sleeps, transformCtx: noItemAdded });
    expect((await requestById(request.id)).attentionReason).toContain("no full scan (an anime item is waiting on Shokofin)");
  });
});
