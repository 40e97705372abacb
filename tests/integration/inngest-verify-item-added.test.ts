import { describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { createVerifyAvailability } from "@/inngest/functions/verify-availability";
import { contract, postWebhook } from "../helpers/webhooks";
import { freshClient, importedMovie, outboxOf, runtime, useFakeJellyfin, verifyEvent, waitsFor } from "../helpers/inngest-world";

useFakeJellyfin();

describe("verify-availability", () => {
  it("finishes at once when Jellyfin's ItemAdded arrives during the wait", async () => {
    const request = await importedMovie();
    const added = contract("jellyfin-itemadded-movie");
    added.Provider_tmdb = String(request.tmdbId);
    delete added.Provider_imdb;
    await postWebhook("jellyfin", added, { contentType: "text/plain" });
    const t = new InngestTestEngine({ function: createVerifyAvailability(runtime, freshClient()) });
    const seen = { name: "tracker/library.item_seen", data: { requestId: request.id }, id: "x", ts: 1 };
    const { result, ctx } = await t.execute({ events: verifyEvent(request.id), transformCtx: waitsFor({ "wait-for-jellyfin": seen }) });
    expect(result).toEqual({ status: "available", attempts: 1 });
    expect(ctx.step.sleep).not.toHaveBeenCalled();
    expect(await outboxOf(request.id)).toEqual(["tracker/import.completed", "tracker/library.item_seen"]);
  });
});
