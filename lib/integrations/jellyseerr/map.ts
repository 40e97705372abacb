import type { DomainEvent, RequestStatus } from "@/lib/domain/events";
import { safeImageUrl } from "@/lib/domain/image-url";
import { invalid, type WebhookMapResult } from "../webhook";
import { jellyseerrEnvelope, jellyseerrMediaNotification, type JellyseerrMediaNotification } from "./schema";

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
