import type { z } from "zod";
import type { DomainEvent, MediaRef } from "@/lib/domain/events";
import { invalid, type WebhookMapResult } from "../webhook";
import { arrEnvelope } from "../arr/schema";
import { blockedReason, healthNote, posterFrom } from "../arr/map";
import { radarrGrab, radarrImport, radarrManualInteraction, radarrMovieEvent, type radarrMovie, type radarrRemoteMovie } from "./schema";

function movieRef(movie: z.infer<typeof radarrMovie>, remote?: z.infer<typeof radarrRemoteMovie>): MediaRef {
  const tags = movie.tags.map((t) => t.toLowerCase());
  return {
    mediaType: "movie",
    tmdbId: movie.tmdbId ?? remote?.tmdbId ?? null,
    tvdbId: null,
    imdbId: movie.imdbId ?? remote?.imdbId ?? null,
    title: movie.title,
    year: movie.year || remote?.year || null,
    posterUrl: posterFrom(movie.images),
    // Radarr has no series type: households tag anime movies (the tag also routes them to Shoko's folder).
    isAnime: tags.includes("anime"),
    arrId: movie.id,
  };
}

export function mapRadarrWebhook(body: unknown): WebhookMapResult {
  const envelope = arrEnvelope.safeParse(body);
  if (!envelope.success) return invalid(null, envelope.error);
  const eventType = envelope.data.eventType;

  switch (eventType) {
    case "Test":
      return { outcome: "events", eventType, events: [{ type: "source.connected" }] };
    case "Grab": {
      const parsed = radarrGrab.safeParse(body);
      if (!parsed.success) return invalid(eventType, parsed.error);
      const g = parsed.data;
      return {
        outcome: "events",
        eventType,
        events: [
          {
            type: "release.grabbed",
            source: "radarr",
            media: movieRef(g.movie, g.remoteMovie),
            downloadId: g.downloadId,
            episodes: [],
            release: g.release,
          },
        ],
      };
    }
    case "Download": {
      const parsed = radarrImport.safeParse(body);
      if (!parsed.success) return invalid(eventType, parsed.error);
      const d = parsed.data;
      return {
        outcome: "events",
        eventType,
        events: [
          {
            type: "release.imported",
            source: "radarr",
            media: movieRef(d.movie, d.remoteMovie),
            downloadId: d.downloadId,
            episodes: [],
            paths: d.movieFile.path ? [d.movieFile.path] : [],
            isUpgrade: d.isUpgrade,
            complete: true,
            release: { ...d.release, quality: d.release.quality ?? d.movieFile.quality },
          },
        ],
      };
    }
    case "ManualInteractionRequired": {
      const parsed = radarrManualInteraction.safeParse(body);
      if (!parsed.success) return invalid(eventType, parsed.error);
      const m = parsed.data;
      return {
        outcome: "events",
        eventType,
        events: [
          {
            type: "import.blocked",
            source: "radarr",
            media: movieRef(m.movie),
            downloadId: m.downloadId,
            episodes: [],
            reason: blockedReason(m.downloadStatusMessages, "Radarr needs a manual import"),
          },
        ],
      };
    }
    case "MovieDelete":
    case "MovieFileDelete": {
      const parsed = radarrMovieEvent.safeParse(body);
      if (!parsed.success) return invalid(eventType, parsed.error);
      const { movie, deleteReason, deletedFiles } = parsed.data;
      const message =
        eventType === "MovieDelete"
          ? `Radarr deleted the movie${deletedFiles === true ? " and its files" : ""}`
          : `Radarr deleted the movie file${deleteReason ? ` (${deleteReason})` : ""}`;
      const media = movieRef(movie);
      // A file replaced by an upgrade is only a note; any other delete ends the movie's request.
      const event: DomainEvent =
        eventType === "MovieFileDelete" && deleteReason === "upgrade"
          ? { type: "note", event: "file.deleted", message, media, jellyseerrRequestId: null }
          : { type: "media.removed", media, jellyfinItemId: null, episodes: null, by: "Radarr", message };
      return { outcome: "events", eventType, events: [event] };
    }
    case "Health":
    case "HealthRestored":
      return healthNote("Radarr", eventType, body);
    default:
      return { outcome: "ignored", eventType, reason: `Radarr ${eventType} is not tracked` };
  }
}
