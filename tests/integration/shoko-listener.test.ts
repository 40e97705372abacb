import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { outbox } from "@/db/schema";
import type { ShokoEventSource, ShokoHubListener } from "@/lib/integrations/shoko/hub";
import { startShokoListener } from "@/lib/workflows/shoko-listener";
import { onlyRequest, resetTables } from "../helpers/db";
import { contract, postWebhook } from "../helpers/webhooks";
import { sonarrImport } from "../helpers/payloads";
import { until } from "../helpers/qbittorrent";

/** The hub's event source, injected: what a SignalR connection would deliver, from the contract frame. */
function fakeSource(): ShokoEventSource & { emit: ShokoHubListener } {
  let listener: ShokoHubListener = () => {};
  return {
    start: async (l) => {
      listener = l;
    },
    stop: async () => {},
    connected: () => true,
    emit: (target, payload) => listener(target, payload),
  };
}

beforeEach(resetTables);

describe("Shoko hub listener (embedded)", () => {
  it("matches the contract's FileMatched frame to the episode imported at that path", async () => {
    const body = sonarrImport({ episodes: [{ season: 1, episode: 5 }], type: "anime", title: "Sousou no Frieren", tvdbId: 424536 });
    (body.episodeFile as Record<string, unknown>).path = "/anime/Sousou no Frieren/[SubsPlease] Sousou no Frieren - 05 (1080p) [4A3B2C1D].mkv";
    await postWebhook("sonarr", body);
    const source = fakeSource();
    const listener = await startShokoListener({ source, getDb, shoko: null, durable: false });
    const frame = contract<{ target: string; arguments: unknown[] }>("shoko-file-matched");
    source.emit(frame.target, frame.arguments[0]);
    const db = await getDb();
    const rows = await until(
      async () => db.select().from(outbox),
      (r) => r.some((o) => o.name === "tracker/anime.matched"),
      10_000,
    );
    expect(rows.find((o) => o.name === "tracker/anime.matched")?.payload).toMatchObject({ episodes: [{ seasonNumber: 1, episodeNumber: 5 }] });
    expect(listener.connected()).toBe(true);
    const request = await onlyRequest();
    expect(request.stage).toBe("anime_matching");
  });
});
