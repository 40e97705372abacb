import type { WebhookMapper, WebhookSource } from "./webhook";
import { mapJellyseerrWebhook } from "./jellyseerr/map";
import { mapSonarrWebhook } from "./sonarr/map";
import { mapRadarrWebhook } from "./radarr/map";
import { mapJellyfinWebhook } from "./jellyfin/map";
import { mapQbittorrentWebhook } from "./qbittorrent/map";

export const webhookMappers: Record<WebhookSource, WebhookMapper> = {
  jellyseerr: mapJellyseerrWebhook,
  sonarr: mapSonarrWebhook,
  radarr: mapRadarrWebhook,
  jellyfin: mapJellyfinWebhook,
  qbittorrent: mapQbittorrentWebhook,
};
