import type { DomainEvent, RequestStatus, RequestStatusEvent } from "@/lib/domain/events";
import { safeImageUrl } from "@/lib/domain/image-url";
import { invalid, type WebhookMapResult } from "../webhook";
import {
  jellyseerrEnvelope,
  jellyseerrMediaNotification,
  type JellyseerrMediaNotification,
  type JellyseerrRequest,
  type JellyseerrTitle,
} from "./schema";

const statusByType: Record<string, RequestStatus> = {
  MEDIA_PENDING: "requested",
  MEDIA_AUTO_APPROVED: "approved",
  MEDIA_APPROVED: "approved",
  MEDIA_DECLINED: "declined",
  MEDIA_FAILED: "failed",
  MEDIA_AVAILABLE: "available_reported",
};

/** "Violet Evergarden: The Movie (2020)" → title and year. */
export function splitSubject(subject: string | null): { title: string | null; year: number | null } {
  if (!subject) return { title: null, year: null };
  const match = /^(.*\S)\s+\((\d{4})\)$/.exec(subject);
  return match ? { title: match[1] ?? subject, year: Number(match[2]) } : { title: subject, year: null };
}

/** The "Requested Seasons" extra, e.g. "1, 2". */
export function requestedSeasons(extra: JellyseerrMediaNotification["extra"]): number[] {
  const entry = extra.find((e) => e.name.trim().toLowerCase() === "requested seasons");
  if (!entry) return [];
  const seasons = entry.value
    .split(/[,\s]+/)
    .map((s) => Number(s))
    .filter((n) => Number.isInteger(n) && n >= 0 && n < 1000);
  return [...new Set(seasons)].sort((a, b) => a - b);
}

export function mapJellyseerrWebhook(body: unknown): WebhookMapResult {
  const envelope = jellyseerrEnvelope.safeParse(body);
  if (!envelope.success) return invalid(null, envelope.error);
  const eventType = envelope.data.notification_type;

  if (eventType === "TEST_NOTIFICATION") {
    return { outcome: "events", eventType, events: [{ type: "source.connected" }] };
  }
  const status = statusByType[eventType];
  if (!status) return { outcome: "ignored", eventType, reason: `Jellyseerr ${eventType} is not tracked` };

  const parsed = jellyseerrMediaNotification.safeParse(body);
  if (!parsed.success) return invalid(eventType, parsed.error);
  const n = parsed.data;
  const { title, year } = splitSubject(n.subject);

  const event: DomainEvent = {
    type: "request.status",
    status,
    jellyseerrRequestId: n.request.request_id,
    media: {
      mediaType: n.media.media_type,
      tmdbId: n.media.tmdbId,
      tvdbId: n.media.tvdbId,
      imdbId: null,
      title,
      year,
      posterUrl: safeImageUrl(n.image),
      isAnime: null,
      arrId: null,
    },
    requestedBy: n.request.requestedBy_username,
    requestedByEmail: n.request.requestedBy_email,
    seasons: n.media.media_type === "tv" ? requestedSeasons(n.extra) : [],
    is4k: (n.event ?? "").startsWith("4K "),
  };
  return { outcome: "events", eventType, events: [event] };
}

/** MediaRequestStatus → what it says about the request; COMPLETED only says it was sent on. Unknown numbers: nothing. */
const statusByNumber: Record<number, Exclude<RequestStatus, "available_reported">> = {
  1: "requested",
  2: "approved",
  3: "declined",
  4: "failed",
  5: "approved",
};

/** A request from `GET /api/v1/request` as the event its lost webhook would have produced (title from the details call). */
export function requestFromApi(r: JellyseerrRequest, details: JellyseerrTitle | null): RequestStatusEvent | null {
  const status = statusByNumber[r.status];
  if (!status) return null;
  const title = details?.title ?? details?.name ?? null;
  const date = details?.releaseDate ?? details?.firstAirDate ?? null;
  const year = date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : null;
  const user = r.requestedBy;
  return {
    type: "request.status",
    status,
    jellyseerrRequestId: r.id,
    media: {
      mediaType: r.type,
      tmdbId: r.media.tmdbId,
      tvdbId: r.media.tvdbId ?? null,
      imdbId: r.media.imdbId,
      title,
      year,
      posterUrl: details?.posterPath ? safeImageUrl(`https://image.tmdb.org/t/p/w600_and_h900_bestv2${details.posterPath}`) : null,
      isAnime: null,
      arrId: null,
    },
    requestedBy: user ? (user.displayName ?? user.jellyfinUsername ?? user.username) : null,
    requestedByEmail: user?.email ?? null,
    seasons: r.type === "tv" ? [...new Set(r.seasons.map((s) => s.seasonNumber))].sort((a, b) => a - b) : [],
    is4k: r.is4k,
  };
}
