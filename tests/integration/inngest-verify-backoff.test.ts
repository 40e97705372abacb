import { describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { createVerifyAvailability, recheckBackoff } from "@/inngest/functions/verify-availability";
import { freshClient, IMPORTED, importedMovie, jellyfin, noItemAdded, requestById, runtime, sleeps, useFakeJellyfin } from "../helpers/inngest-world";

useFakeJellyfin();

describe("verify-availability", () => {
  it("waits for Jellyfin, rescans the imported path, backs off 30s/1m/2m/5m/10m, then says what it checked", async () => {
    const request = await importedMovie();
    const t = new InngestTestEngine({ function: createVerifyAvailability(runtime, freshClient()) });
    const { result, ctx } = await t.execute({
      events: [
        { name: "tracker/import.completed", data: { requestId: request.id, mediaType: "movie", isAnime: false, paths: [IMPORTED], episodes: [] } },
      ],
      steps: sleeps,
      transformCtx: noItemAdded,
    });
    expect(result).toEqual({ status: "missing", attempts: 6 });
    expect(ctx.step.waitForEvent).toHaveBeenCalledWith(
      "wait-for-jellyfin",
      expect.objectContaining({ timeout: "2m", if: `async.data.requestId == ${request.id}` }),
    );
    expect((ctx.step.sleep as unknown as { mock: { calls: unknown[][] } }).mock.calls).toEqual(recheckBackoff.map((d, i) => [`backoff-${i + 1}`, d]));
    expect(jellyfin().mediaUpdated).toEqual([IMPORTED]);
    expect(jellyfin().refreshes).toBe(1);
    const after = await requestById(request.id);
    expect(after.attentionKind).toBe("not_found_in_library");
    expect(after.attentionReason).toBe(
      `Not found in Jellyfin: looked up tmdb ${request.tmdbId} in Jellyfin: no such movie; asked Jellyfin to rescan ${IMPORTED}; asked Jellyfin for a full library scan; re-checked 5 times over 18½ min`,
    );
  });
});
