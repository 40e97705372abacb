import { getDb } from "@/db/client";
import { downloads, episodes, requests } from "@/db/schema";
import type { Actor } from "@/lib/auth/act-access";
import type { Clients } from "@/lib/integrations/clients";
import { createJellyfinLibrary } from "@/lib/integrations/jellyfin/library";
import { createJellyseerrAdminClient } from "@/lib/integrations/jellyseerr/requests-client";
import { createQbitClient } from "@/lib/integrations/qbittorrent/client";
import { createRadarrClient } from "@/lib/integrations/radarr/client";
import { createShokoClient } from "@/lib/integrations/shoko/client";
import { createSonarrClient } from "@/lib/integrations/sonarr/client";
import type { Simulators } from "../fakes/stack";

/** Clients pointed at the simulators, as the app builds them from the environment. */
export function simulatorClients(sim: Simulators): Clients {
  const timeoutMs = 3000;
  return {
    qbit: createQbitClient({ url: sim.urls.qbit, username: sim.qbit.username, password: sim.qbit.password, timeoutMs }),
    sonarr: createSonarrClient({ url: sim.urls.sonarr, apiKey: sim.sonarr.apiKey, timeoutMs }),
    radarr: createRadarrClient({ url: sim.urls.radarr, apiKey: sim.radarr.apiKey, timeoutMs }),
    jellyfin: createJellyfinLibrary({ url: sim.urls.jellyfin, apiKey: sim.jellyfin.apiKey, timeoutMs }),
    shoko: createShokoClient({ url: sim.urls.shoko, apiKey: sim.shoko.apiKey, timeoutMs }),
    jellyseerr: null,
    jellyseerrAdmin: createJellyseerrAdminClient({ url: sim.urls.jellyseerr, apiKey: sim.jellyseerr.apiKey, timeoutMs }),
  };
}

export const admin: Actor = { kind: "viewer", viewer: { name: "Ana", role: "admin", aliases: ["ana"] } };
export const member: Actor = { kind: "viewer", viewer: { name: "Ben", role: "member", aliases: ["ben"] } };

type Seed = {
  mediaType: "movie" | "tv";
  title: string;
  tmdbId?: number;
  tvdbId?: number;
  arrId?: number;
  jellyseerrRequestId?: number;
  hash?: string;
  isAnime?: boolean;
  seasons?: number[];
  jellyfinItemId?: string;
  requestedBy?: string;
  stage?: "downloading" | "available";
};

/** A request as the tracker would hold it after its webhooks: the row, a download, and (tv) an episode per requested season. */
export async function seedRequest(seed: Seed) {
  const db = await getDb();
  const stage = seed.stage ?? "available";
  const [row] = await db
    .insert(requests)
    .values({
      source: "jellyseerr",
      mediaType: seed.mediaType,
      title: seed.title,
      titleKey: seed.title.toLowerCase().replace(/[^a-z0-9]/g, ""),
      tmdbId: seed.tmdbId ?? null,
      tvdbId: seed.tvdbId ?? null,
      arrId: seed.arrId ?? null,
      jellyseerrRequestId: seed.jellyseerrRequestId ?? null,
      isAnime: seed.isAnime ?? false,
      requestedSeasons: seed.seasons ?? [],
      requestedBy: seed.requestedBy ?? "ben",
      jellyfinItemId: seed.jellyfinItemId ?? null,
      ownStage: stage,
      stage,
    })
    .returning();
  if (!row) throw new Error("seed failed");
  if (seed.hash)
    await db.insert(downloads).values({
      hash: seed.hash,
      requestId: row.id,
      source: seed.mediaType === "movie" ? "radarr" : "sonarr",
      status: stage === "available" ? "imported" : "downloading",
      progress: stage === "available" ? 1 : 0.4,
    });
  for (const season of seed.seasons ?? []) {
    await db.insert(episodes).values({ requestId: row.id, seasonNumber: season, episodeNumber: 1, stage, downloadHash: seed.hash ?? null });
  }
  return row;
}
