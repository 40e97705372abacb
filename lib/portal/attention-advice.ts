import type { AttentionKind } from "@/lib/domain/attention";

/** What each problem means for the household, and what the admin can do about it. */
export const attentionAdvice: Record<AttentionKind, { meaning: string; action: string }> = {
  stalled: {
    meaning: "The download has stopped making progress.",
    action: "The admin can check qBittorrent for seeds or errors, or search Sonarr/Radarr for another release.",
  },
  import_blocked: {
    meaning: "The download finished, but Sonarr/Radarr would not import it.",
    action: "The admin can open Activity → Queue in Sonarr/Radarr and import it manually or pick another release.",
  },
  not_found_in_library: {
    meaning: "It was imported, but Jellyfin has not shown it yet.",
    action: "The admin can run a library scan in Jellyfin, or check the library path.",
  },
  match_failed: {
    meaning: "Shoko could not match the file to an anime, so Jellyfin cannot show it.",
    action: "The admin can link the file manually in Shoko's unrecognised files list.",
  },
  upstream_error: {
    meaning: "One of the services reported an error for this request.",
    action: "The admin can read the timeline below and the service's own log for details.",
  },
};
