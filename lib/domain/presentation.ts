import type { Stage } from "./stages";

export type StageTone = "neutral" | "info" | "progress" | "success" | "warning" | "danger";

export type StagePresentation = {
  label: string;
  /** Short sentence for a timeline or an aria-live announcement; says more than the label, never the label again. */
  description: string;
  tone: StageTone;
  /** Name of the icon in the portal's icon set. */
  icon: string;
};

export const stagePresentation: Record<Stage, StagePresentation> = {
  requested: { label: "Requested", description: "waiting for approval", tone: "neutral", icon: "inbox" },
  approved: { label: "Approved", description: "waiting for a release", tone: "info", icon: "check" },
  not_aired: { label: "Not aired yet", description: "waiting for the episode to air", tone: "neutral", icon: "calendar" },
  searching: { label: "Searching", description: "aired; Sonarr is looking for a release", tone: "info", icon: "search" },
  unmonitored: { label: "Not monitored", description: "Sonarr does not monitor it, so it will not be downloaded", tone: "neutral", icon: "eye-off" },
  grabbing: { label: "Grabbed", description: "a release was sent to the download client", tone: "info", icon: "magnet" },
  downloading: { label: "Downloading", description: "the download client is fetching the files", tone: "progress", icon: "download" },
  downloaded: { label: "Downloaded", description: "the files are here, waiting to be imported", tone: "progress", icon: "package" },
  importing: { label: "Importing", description: "imported, waiting for Jellyfin", tone: "progress", icon: "folder-input" },
  anime_matching: { label: "Matching", description: "imported, waiting for Shoko to match it", tone: "progress", icon: "search" },
  available: { label: "Available", description: "ready to watch", tone: "success", icon: "play" },
  partially_available: { label: "Partly available", description: "some episodes are ready to watch", tone: "success", icon: "play-half" },
  declined: { label: "Declined", description: "turned down in Jellyseerr", tone: "danger", icon: "ban" },
  failed: { label: "Failed", description: "the request could not be sent on", tone: "danger", icon: "alert" },
  removed: { label: "Removed", description: "deleted in Sonarr, Radarr or Jellyfin", tone: "neutral", icon: "trash" },
};
