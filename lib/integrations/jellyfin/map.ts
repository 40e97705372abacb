import type { DomainEvent, EpisodeNumber, LibraryItem, MediaRef } from "@/lib/domain/events";
import { invalid, type WebhookMapResult } from "../webhook";
import { jellyfinEnvelope, jellyfinItemAdded } from "./schema";

const kinds: Record<string, LibraryItem["kind"]> = { movie: "movie", episode: "episode", series: "series" };

/** Custom templates name provider ids `tmdb`/`tvdb`/`imdb`; the plugin's own output says `Provider_tmdb`. */
const aliases: Record<string, string> = { tmdb: "provider_tmdb", tvdb: "provider_tvdb", imdb: "provider_imdb" };

export function normaliseKeys(body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const lower = key.toLowerCase();
    const target = aliases[lower] ?? lower;
    if (!(target in out) || out[target] === "" || out[target] === null) out[target] = value;
  }
  return out;
}

/** Jellyfin dropped the item: the movie, the series, or exactly the episodes in that file are gone. */
function removedEvent(item: LibraryItem): DomainEvent {
  const name =
    item.kind === "episode"
      ? `${item.seriesName ?? "an episode"} S${item.seasonNumber ?? "?"}E${item.episodeNumber ?? "?"}`
      : (item.name ?? "the item");
  const message = `Jellyfin removed ${name} from the library`;
  if (item.kind === "episode") {
    const episodes: EpisodeNumber[] = [];
    const last = Math.min(item.episodeNumberEnd ?? item.episodeNumber ?? 0, (item.episodeNumber ?? 0) + 200);
    if (item.seasonNumber !== null && item.episodeNumber !== null) {
      for (let n = item.episodeNumber; n <= last; n += 1) episodes.push({ seasonNumber: item.seasonNumber, episodeNumber: n });
    }
    return { type: "media.removed", media: null, jellyfinItemId: item.seriesItemId, episodes, by: "Jellyfin", message };
  }
  const media: MediaRef = {
    mediaType: item.kind === "movie" ? "movie" : "tv",
    tmdbId: item.tmdbId,
    tvdbId: item.kind === "movie" ? null : item.tvdbId,
    imdbId: item.imdbId,
    title: item.name,
    year: item.year,
    posterUrl: null,
    isAnime: null,
    arrId: null,
  };
  return { type: "media.removed", media, jellyfinItemId: item.itemId, episodes: null, by: "Jellyfin", message };
}

export function mapJellyfinWebhook(body: unknown): WebhookMapResult {
  const normalised = normaliseKeys(body);
  const envelope = jellyfinEnvelope.safeParse(normalised);
  if (!envelope.success) return invalid(null, envelope.error);
  const eventType = envelope.data.notificationtype;
  if (eventType !== "ItemAdded" && eventType !== "ItemDeleted") {
    return { outcome: "ignored", eventType, reason: `Jellyfin ${eventType} is not tracked` };
  }

  const parsed = jellyfinItemAdded.safeParse(normalised);
  if (!parsed.success) return invalid(eventType, parsed.error);
  const i = parsed.data;
  const kind = kinds[i.itemtype.toLowerCase()];
  if (!kind) return { outcome: "ignored", eventType, reason: `Jellyfin ${i.itemtype} items are not tracked` };
  if (kind === "episode" && i.episodenumber === null && i.provider_tvdb === null) {
    return {
      outcome: "invalid",
      eventType,
      issues: [{ path: "EpisodeNumber", message: "an episode needs EpisodeNumber or Provider_tvdb" }],
    };
  }

  const item: LibraryItem = {
    kind,
    itemId: i.itemid,
    name: i.name,
    tmdbId: i.provider_tmdb,
    imdbId: i.provider_imdb,
    tvdbId: i.provider_tvdb,
    seriesName: i.seriesname,
    seriesItemId: i.seriesid,
    seasonNumber: i.seasonnumber,
    episodeNumber: i.episodenumber,
    episodeNumberEnd: i.episodenumberend,
    year: i.year,
  };
  if (eventType === "ItemDeleted") return { outcome: "events", eventType, events: [removedEvent(item)] };
  return { outcome: "events", eventType, events: [{ type: "library.item_added", item }] };
}
