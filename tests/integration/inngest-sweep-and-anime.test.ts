import { describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { outbox } from "@/db/schema";
import { createAnimeMatch } from "@/inngest/functions/anime-match";
import { createFallbackSweep } from "@/inngest/functions/fallback-sweep";
import { allRequests, detail } from "../helpers/db";
import { jellyseerr } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";
import { animeImport, importedMovie, requestById, runtime, useFakeJellyfin } from "../helpers/inngest-world";

useFakeJellyfin();

describe("fallback-sweep", () => {
  it("runs the sweep as one step and hands nothing off below the thresholds", async () => {
    const request = await importedMovie();
    const t = new InngestTestEngine({ function: createFallbackSweep(runtime) });
    const { result } = await t.execute({ events: [{ name: "tracker/sweep.requested", data: { by: "admin" } }] });
    expect(result).toMatchObject({ errors: [], handedOff: 0 });
    expect((await requestById(request.id)).attentionKind).toBeNull();
  });
});

describe("anime-match", () => {
  async function importedAnime(hash: string) {
    await postWebhook("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 700, tmdbId: 916225, subject: "Suzume Two (2022)" }));
    await postWebhook("radarr", animeImport(hash, 916225, "Suzume Two", "/anime/Suzume Two (2022)/Suzume Two (2022).mkv"));
    const row = (await allRequests()).find((r) => r.tmdbId === 916225);
    if (!row) throw new Error("request not created");
    return row;
  }
  const frame = (matched: boolean) => ({
    FileID: 18822,
    FileLocationID: 19004,
    ImportFolderID: 2,
    RelativePath: "/Suzume Two (2022)/Suzume Two (2022).mkv",
    CrossReferences: matched ? [{ EpisodeID: 21457, AnidbEpisodeID: 271245, SeriesID: 1193, AnidbAnimeID: 17617, GroupID: 1021 }] : [],
    ...(matched ? {} : { AutoMatchAttempts: 3, HasCrossReferences: false, IsUDPBanned: false }),
  });

  it("FileNotMatched raises match_failed with Shoko's reason", async () => {
    const request = await importedAnime("e".repeat(40));
    const t = new InngestTestEngine({ function: createAnimeMatch(runtime) });
    const { result } = await t.execute({
      events: [{ name: "shoko/file.event", data: { target: "ShokoEvent:FileNotMatched", payload: frame(false) } }],
    });
    expect(result).toBe("not_matched");
    expect(await requestById(request.id)).toMatchObject({
      attentionKind: "match_failed",
      attentionReason: "Shoko could not match Suzume Two (2022).mkv after 3 attempts: AniDB does not know this file",
    });
  });

  it("FileMatched (leading / in RelativePath) clears it, marks the import matched and starts verification", async () => {
    const request = await importedAnime("e".repeat(40));
    const t = new InngestTestEngine({ function: createAnimeMatch(runtime) });
    const { result } = await t.execute({ events: [{ name: "shoko/file.event", data: { target: "ShokoEvent:FileMatched", payload: frame(true) } }] });
    expect(result).toBe("matched");
    expect(await requestById(request.id)).toMatchObject({ stage: "anime_matching", attentionKind: null });
    expect((await detail(request.id)).timeline.at(-1)).toMatchObject({ event: "anime.matched", stage: "anime_matching" });
    const rows = await (await getDb()).select().from(outbox).orderBy(asc(outbox.id));
    expect(rows.at(-1)).toMatchObject({
      name: "tracker/anime.matched",
      payload: { requestId: request.id, paths: ["/anime/Suzume Two (2022)/Suzume Two (2022).mkv"] },
    });
  });
});
