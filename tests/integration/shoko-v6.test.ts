import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { createShokoClient } from "@/lib/integrations/shoko/client";
import { handleShokoEvent } from "@/lib/workflows/anime-match";
import { startFakeShoko } from "../fakes/shoko";
import { onlyRequest, resetTables } from "../helpers/db";
import { sonarrImport } from "../helpers/payloads";
import { contract, postWebhook } from "../helpers/webhooks";

const fileName = "[SubsPlease] Sousou no Frieren - 05 (1080p) [4A3B2C1D].mkv";
const v5 = contract<{ target: string; arguments: Record<string, unknown>[] }>("shoko-file-matched").arguments[0] ?? {};
/** v6 `file:*` payloads are the v5 FileEvent with ImportFolderID renamed ManagedFolderID (contracts/shoko.md §3). */
const { ImportFolderID, ...rest } = v5;
const v6File = { ...rest, ManagedFolderID: ImportFolderID };
/** v6 has no FileMatched: a match is `release:saved` with the file id and the release's cross-references. */
const v6Release = {
  FileID: 18822,
  Release: {
    ID: "anidb:2883345",
    ProviderName: "AniDB",
    Version: 1,
    FileSize: 1_439_825_920,
    OriginalFilename: fileName,
    IsCensored: false,
    IsChaptered: true,
    IsCreditless: false,
    IsCorrupted: false,
    Source: "Web",
    CrossReferences: [{ AnidbEpisodeID: 271245, AnidbAnimeID: 17617, PercentageStart: 0, PercentageEnd: 100 }],
    Updated: "2025-03-02T20:17:31Z",
    Created: "2025-03-02T20:17:31Z",
  },
};

let shoko: Awaited<ReturnType<typeof startFakeShoko>>;
beforeAll(async () => {
  shoko = await startFakeShoko();
});
afterAll(() => shoko.close());
beforeEach(async () => {
  await resetTables();
  const body = sonarrImport({ episodes: [{ season: 1, episode: 5 }], type: "anime", title: "Sousou no Frieren", tvdbId: 424536 });
  (body.episodeFile as Record<string, unknown>).path = `/anime/Sousou no Frieren/${fileName}`;
  await postWebhook("sonarr", body);
  shoko.shoko.files = [{ ID: 18822, Size: 1_439_825_920, matched: true, ImportFolderID: 2, RelativePath: `Sousou no Frieren/${fileName}` }];
});

describe("Shoko v5 and v6 event names", () => {
  const client = () => createShokoClient({ url: shoko.url, apiKey: shoko.shoko.apiKey, timeoutMs: 2000 });
  const cases: { name: string; target: string; payload: unknown; want: "matched" | "not_matched"; attention: string | null }[] = [
    { name: "v5 ShokoEvent:FileMatched", target: "ShokoEvent:FileMatched", payload: v5, want: "matched", attention: null },
    { name: "v6 file:matched (ManagedFolderID)", target: "file:matched", payload: v6File, want: "matched", attention: null },
    { name: "v6 release:saved (path read over REST)", target: "release:saved", payload: v6Release, want: "matched", attention: null },
    {
      name: "v5 ShokoEvent:FileNotMatched",
      target: "ShokoEvent:FileNotMatched",
      payload: { ...v5, AutoMatchAttempts: 2, HasCrossReferences: false, IsUDPBanned: false },
      want: "not_matched",
      attention: "match_failed",
    },
    {
      name: "v6 file:not_matched",
      target: "file:not_matched",
      payload: { ...v6File, AutoMatchAttempts: 1, HasCrossReferences: false, IsUDPBanned: true },
      want: "not_matched",
      attention: "match_failed",
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      expect(await handleShokoEvent({ db: await getDb(), shoko: client(), target: c.target, payload: c.payload })).toBe(c.want);
      const request = await onlyRequest();
      expect(request.attentionKind).toBe(c.attention);
      expect(request.stage).toBe("anime_matching");
      if (c.want === "not_matched") expect(request.attentionReason).toContain(`Shoko could not match ${fileName}`);
    });
  }

  it("a release:saved without cross-references is not a match", async () => {
    const payload = { ...v6Release, Release: { ...v6Release.Release, CrossReferences: [] } };
    expect(await handleShokoEvent({ db: await getDb(), shoko: client(), target: "release:saved", payload })).toBe("ignored");
  });
});
