import type { LibraryItem } from "@/lib/domain/events";
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

export function mapJellyfinWebhook(body: unknown): WebhookMapResult {
  const normalised = normaliseKeys(body);
  const envelope = jellyfinEnvelope.safeParse(normalised);
  if (!envelope.success) return invalid(null, envelope.error);
  const eventType = envelope.data.notificationtype;
  if (eventType !== "ItemAdded") {
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
  return { outcome: "events", eventType, events: [{ type: "library.item_added", item }] };
}
