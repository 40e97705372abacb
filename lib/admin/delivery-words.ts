import type { DeliveryFilters } from "@/db/queries/delivery-admin";
import { deliveryStatuses, type DeliveryStatus } from "@/db/schema";
import { sources, type Source } from "@/lib/domain/events";

/**
 * Webhook event codes as the admin pages say them. Each service names its events its own way
 * (Jellyseerr MEDIA_AUTO_APPROVED, Sonarr Grab, Jellyfin ItemAdded); a code not listed here is still
 * turned into words ("ISSUE_AUTO_CLOSED" → "Issue auto closed").
 */
const known: Record<string, string> = {
  // Jellyseerr
  MEDIA_PENDING: "Request waiting for approval",
  MEDIA_APPROVED: "Request approved",
  MEDIA_AUTO_APPROVED: "Request approved automatically",
  MEDIA_AVAILABLE: "Request available",
  MEDIA_DECLINED: "Request declined",
  MEDIA_FAILED: "Request processing failed",
  MEDIA_AUTO_REQUESTED: "Requested automatically",
  TEST_NOTIFICATION: "Test message",
  ISSUE_CREATED: "Issue reported",
  ISSUE_COMMENT: "Issue comment",
  ISSUE_RESOLVED: "Issue resolved",
  ISSUE_REOPENED: "Issue reopened",
  // Sonarr and Radarr
  Grab: "Release grabbed",
  Download: "File imported",
  ManualInteractionRequired: "Import needs manual action",
  Test: "Test message",
  SeriesAdd: "Series added",
  SeriesDelete: "Series deleted",
  EpisodeFileDelete: "Episode file deleted",
  MovieAdded: "Movie added",
  MovieDelete: "Movie deleted",
  MovieFileDelete: "Movie file deleted",
  Rename: "Files renamed",
  Health: "Health problem",
  HealthRestored: "Health restored",
  ApplicationUpdate: "Application updated",
  // Jellyfin
  ItemAdded: "Item added to the library",
  ItemDeleted: "Item removed from the library",
  // qBittorrent's run-on-finish line
  finished: "Torrent finished",
};

/** "ISSUE_AUTO_CLOSED", "PlaybackStart", "user.created" → "Issue auto closed", "Playback start", "User created". */
function spell(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.\-\s]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : code;
}

/** What a delivery was about, in words; null (a body that could not be read) says so. */
export function eventWords(code: string | null): string {
  if (!code) return "Unreadable body";
  return known[code] ?? spell(code);
}

export const deliveryStatusWords: Record<DeliveryStatus, string> = {
  applied: "Applied",
  ignored: "Ignored (not tracked)",
  rejected: "Rejected (invalid body)",
  pending: "Waiting for a retry",
  failed: "Failed, needs a retry",
  duplicate: "Already received",
};

export const deliverySourceWords: Record<Source, string> = {
  jellyseerr: "Jellyseerr",
  sonarr: "Sonarr",
  radarr: "Radarr",
  jellyfin: "Jellyfin",
  qbittorrent: "qBittorrent",
  shoko: "Shoko",
  tracker: "Status Tracker",
};

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim() : "");

/** The deliveries filter from the admin page's URL; unknown values are dropped rather than failing the page. */
export function parseDeliveryFilters(params: Params): DeliveryFilters {
  const source = one(params.source);
  const status = one(params.status);
  const event = one(params.event).slice(0, 100);
  return {
    source: (sources as readonly string[]).includes(source) ? (source as Source) : undefined,
    status: (deliveryStatuses as readonly string[]).includes(status) ? (status as DeliveryStatus) : undefined,
    eventType: event || undefined,
  };
}

/** A stored body for reading: JSON indented, a form body one field a line, anything else as it is. */
export function prettyBody(body: string): string {
  const text = body.trim();
  if (text.startsWith("{") || text.startsWith("[")) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return body;
    }
  }
  if (/^[\w.%-]+=[^&\s]*(&[\w.%-]+=[^&\s]*)*$/.test(text)) {
    return [...new URLSearchParams(text).entries()].map(([k, v]) => `${k} = ${v}`).join("\n");
  }
  return body;
}
