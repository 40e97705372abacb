import "server-only";
import { env, type Env } from "@/lib/env";
import { createJellyseerrAdminClient, type JellyseerrAdminClient } from "./jellyseerr/requests-client";
import { createJellyfinLibrary, type JellyfinLibrary } from "./jellyfin/library";
import { createJellyseerrClient, type JellyseerrClient } from "./jellyseerr/client";
import { createQbitClient, type QbitClient } from "./qbittorrent/client";
import { createRadarrClient, type RadarrClient } from "./radarr/client";
import { createShokoClient, type ShokoClient } from "./shoko/client";
import { createSonarrClient, type SonarrClient } from "./sonarr/client";

/** Every upstream the tracker can ask; null = not configured, and the work that needs it is skipped. */
export type Clients = {
  qbit: QbitClient | null;
  sonarr: SonarrClient | null;
  radarr: RadarrClient | null;
  jellyfin: JellyfinLibrary | null;
  shoko: ShokoClient | null;
  jellyseerr: JellyseerrClient | null;
  /** Jellyseerr reads and deletes for the library import and "Delete everywhere". */
  jellyseerrAdmin: JellyseerrAdminClient | null;
};

export function clientsFromEnv(e: Env = env()): Clients {
  const timeoutMs = e.INTEGRATION_TIMEOUT_MS;
  return {
    qbit: e.QBITTORRENT_URL
      ? createQbitClient({ url: e.QBITTORRENT_URL, username: e.QBITTORRENT_USERNAME, password: e.QBITTORRENT_PASSWORD, timeoutMs })
      : null,
    sonarr: e.SONARR_URL && e.SONARR_API_KEY ? createSonarrClient({ url: e.SONARR_URL, apiKey: e.SONARR_API_KEY, timeoutMs }) : null,
    radarr: e.RADARR_URL && e.RADARR_API_KEY ? createRadarrClient({ url: e.RADARR_URL, apiKey: e.RADARR_API_KEY, timeoutMs }) : null,
    jellyfin: e.JELLYFIN_URL && e.JELLYFIN_API_KEY ? createJellyfinLibrary({ url: e.JELLYFIN_URL, apiKey: e.JELLYFIN_API_KEY, timeoutMs }) : null,
    shoko: e.SHOKO_URL && e.SHOKO_API_KEY ? createShokoClient({ url: e.SHOKO_URL, apiKey: e.SHOKO_API_KEY, timeoutMs }) : null,
    jellyseerr:
      e.JELLYSEERR_URL && e.JELLYSEERR_API_KEY ? createJellyseerrClient({ url: e.JELLYSEERR_URL, apiKey: e.JELLYSEERR_API_KEY, timeoutMs }) : null,
    jellyseerrAdmin:
      e.JELLYSEERR_URL && e.JELLYSEERR_API_KEY
        ? createJellyseerrAdminClient({ url: e.JELLYSEERR_URL, apiKey: e.JELLYSEERR_API_KEY, timeoutMs })
        : null,
  };
}

export const noClients: Clients = { qbit: null, sonarr: null, radarr: null, jellyfin: null, shoko: null, jellyseerr: null, jellyseerrAdmin: null };
