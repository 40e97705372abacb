import type { z } from "zod";
import type { EpisodeRef, EpisodesListedEvent, MediaRef, ReleaseImportedEvent } from "@/lib/domain/events";
import type { SonarrEpisode } from "./client";
import { invalid, type WebhookMapResult } from "../webhook";
import { arrEnvelope, type arrFile } from "../arr/schema";
import { blockedReason, healthNote, posterFrom } from "../arr/map";
import {
  sonarrGrab,
  sonarrImportComplete,
  sonarrImportFile,
  sonarrManualInteraction,
  sonarrSeriesEvent,
  type sonarrEpisode,
  type sonarrSeries,
} from "./schema";

function seriesRef(series: z.infer<typeof sonarrSeries>): MediaRef {
  const type = (series.type ?? series.seriesType ?? "").toLowerCase();
  return {
    mediaType: "tv",
    tmdbId: series.tmdbId,
    tvdbId: series.tvdbId,
    imdbId: series.imdbId,
    title: series.title,
    year: series.year || null,
    posterUrl: posterFrom(series.images),
    isAnime: type === "" ? null : type === "anime",
    arrId: series.id,
  };
}

function episodeRefs(episodes: z.infer<typeof sonarrEpisode>[]): EpisodeRef[] {
  return episodes.map((e) => ({
    seasonNumber: e.seasonNumber,
    episodeNumber: e.episodeNumber,
    title: e.title,
    airDate: e.airDate,
    tvdbId: e.tvdbId,
    arrEpisodeId: e.id,
  }));
}

type ImportCommon = Pick<z.infer<typeof sonarrImportFile>, "series" | "episodes" | "downloadId" | "release">;

function importEvent(d: ImportCommon, files: z.infer<typeof arrFile>[], isUpgrade: boolean, complete: boolean): ReleaseImportedEvent {
  return {
    type: "release.imported",
    source: "sonarr",
    media: seriesRef(d.series),
    downloadId: d.downloadId,
    episodes: episodeRefs(d.episodes),
    paths: files.map((f) => f.path).filter((p): p is string => p !== null),
    isUpgrade,
    complete,
    release: { ...d.release, quality: d.release.quality ?? files[0]?.quality ?? null },
  };
}

/** Sonarr sends "Download" in two shapes: per file (`episodeFile`) and "import complete" (`episodeFiles`). */
function mapImport(eventType: string, body: unknown): WebhookMapResult {
  if (typeof body === "object" && body !== null && "episodeFiles" in body) {
    const parsed = sonarrImportComplete.safeParse(body);
    if (!parsed.success) return invalid(eventType, parsed.error);
    return { outcome: "events", eventType, events: [importEvent(parsed.data, parsed.data.episodeFiles, false, true)] };
  }
  const parsed = sonarrImportFile.safeParse(body);
  if (!parsed.success) return invalid(eventType, parsed.error);
  const d = parsed.data;
  return { outcome: "events", eventType, events: [importEvent(d, [d.episodeFile], d.isUpgrade, false)] };
}

/** A delete ends what it covers (the whole series, or those episodes); a file replaced by an upgrade is only a note. */
function seriesDeleted(eventType: string, body: unknown): WebhookMapResult {
  const parsed = sonarrSeriesEvent.safeParse(body);
  if (!parsed.success) return invalid(eventType, parsed.error);
  const { series, episodes, deleteReason, deletedFiles } = parsed.data;
  const which = episodes.map((e) => `S${e.seasonNumber}E${e.episodeNumber}`).join(", ");
  const media = seriesRef(series);
  if (eventType === "SeriesDelete") {
    const message = `Sonarr deleted the series${deletedFiles === true ? " and its files" : ""}`;
    return { outcome: "events", eventType, events: [{ type: "media.removed", media, jellyfinItemId: null, episodes: null, by: "Sonarr", message }] };
  }
  const message = `Sonarr deleted the file of ${which || "an episode"}${deleteReason ? ` (${deleteReason})` : ""}`;
  if (deleteReason === "upgrade" || episodes.length === 0) {
    return { outcome: "events", eventType, events: [{ type: "note", event: "file.deleted", message, media, jellyseerrRequestId: null }] };
  }
  const numbers = episodes.map((e) => ({ seasonNumber: e.seasonNumber, episodeNumber: e.episodeNumber }));
  return { outcome: "events", eventType, events: [{ type: "media.removed", media, jellyfinItemId: null, episodes: numbers, by: "Sonarr", message }] };
}

export function mapSonarrWebhook(body: unknown): WebhookMapResult {
  const envelope = arrEnvelope.safeParse(body);
  if (!envelope.success) return invalid(null, envelope.error);
  const eventType = envelope.data.eventType;

  switch (eventType) {
    case "Test":
      return { outcome: "events", eventType, events: [{ type: "source.connected" }] };
    case "Grab": {
      const parsed = sonarrGrab.safeParse(body);
      if (!parsed.success) return invalid(eventType, parsed.error);
      const g = parsed.data;
      const events = [
        {
          type: "release.grabbed" as const,
          source: "sonarr" as const,
          media: seriesRef(g.series),
          downloadId: g.downloadId,
          episodes: episodeRefs(g.episodes),
          release: g.release,
        },
      ];
      return { outcome: "events", eventType, events };
    }
    case "Download":
      return mapImport(eventType, body);
    case "ManualInteractionRequired": {
      const parsed = sonarrManualInteraction.safeParse(body);
      if (!parsed.success) return invalid(eventType, parsed.error);
      const m = parsed.data;
      return {
        outcome: "events",
        eventType,
        events: [
          {
            type: "import.blocked",
            source: "sonarr",
            media: seriesRef(m.series),
            downloadId: m.downloadId,
            episodes: episodeRefs(m.episodes),
            reason: blockedReason(m.downloadStatusMessages, "Sonarr needs a manual import"),
          },
        ],
      };
    }
    case "SeriesDelete":
    case "EpisodeFileDelete":
      return seriesDeleted(eventType, body);
    case "Health":
    case "HealthRestored":
      return healthNote("Sonarr", eventType, body);
    default:
      return { outcome: "ignored", eventType, reason: `Sonarr ${eventType} is not tracked` };
  }
}

/** Sonarr's episode list (`GET /api/v3/episode?seriesId=`) as the facts that place each episode before a grab. */
export function listedEpisodes(episodes: readonly SonarrEpisode[]): EpisodesListedEvent["episodes"] {
  return episodes.map((e) => ({
    seasonNumber: e.seasonNumber,
    episodeNumber: e.episodeNumber,
    title: e.title,
    airDate: null,
    tvdbId: e.tvdbId || null,
    arrEpisodeId: e.id,
    monitored: e.monitored,
    airDateUtc: e.airDateUtc,
  }));
}
