import { contract } from "./contracts";

type Json = Record<string, unknown>;
type Ep = { season: number; episode: number; tvdbId?: number };

/** Builders over the contract examples: change only what a scenario needs, keep the real shape. */

export function jellyseerr(
  type: string,
  o: {
    requestId: number;
    mediaType?: "movie" | "tv";
    tmdbId?: number;
    tvdbId?: number;
    seasons?: number[];
    subject?: string;
    user?: string;
    email?: string;
  },
): Json {
  const base = contract(o.mediaType === "tv" ? "jellyseerr-tv-pending" : "jellyseerr-movie-auto-approved");
  const media = base.media as Json;
  const request = base.request as Json;
  base.notification_type = type;
  if (o.tmdbId !== undefined) media.tmdbId = String(o.tmdbId);
  if (o.tvdbId !== undefined) media.tvdbId = String(o.tvdbId);
  if (o.subject) base.subject = o.subject;
  if (o.user) request.requestedBy_username = o.user;
  if (o.email) request.requestedBy_email = o.email;
  request.request_id = String(o.requestId);
  if (o.seasons) base.extra = [{ name: "Requested Seasons", value: o.seasons.join(", ") }];
  return base;
}

function sonarrEpisodes(eps: Ep[]) {
  return eps.map((e) => ({
    id: 1000 + e.season * 100 + e.episode,
    episodeNumber: e.episode,
    seasonNumber: e.season,
    title: `Episode ${e.episode}`,
    airDate: "2023-10-06",
    airDateUtc: "2023-10-06T14:00:00Z",
    seriesId: 12,
    tvdbId: e.tvdbId ?? 9_000_000 + e.season * 1000 + e.episode,
  }));
}

type SeriesOpts = { tvdbId?: number; tmdbId?: number; title?: string; type?: string };

function withSeries(body: Json, s: SeriesOpts): Json {
  const series = body.series as Json;
  // Another show has another IMDb id too; keeping the fixture's would claim they are the same show.
  // (Its TMDB id is unknown unless given: Sonarr sends 0 then.)
  if (s.tvdbId !== undefined && s.tvdbId !== 424536) Object.assign(series, { imdbId: `tt8${s.tvdbId}`, tmdbId: 0 });
  if (s.tvdbId !== undefined) series.tvdbId = s.tvdbId;
  if (s.tmdbId !== undefined) series.tmdbId = s.tmdbId;
  if (s.title) series.title = s.title;
  if (s.type) series.type = s.type;
  return body;
}

export function sonarrGrab(o: { hash: string; episodes: Ep[] } & SeriesOpts): Json {
  const body = withSeries(contract("sonarr-grab"), o);
  body.episodes = sonarrEpisodes(o.episodes);
  body.downloadId = o.hash;
  (body.release as Json).releaseTitle = `Release ${o.hash.slice(0, 6)}`;
  return body;
}

export function sonarrImport(o: { hash?: string; episodes: Ep[]; upgrade?: boolean } & SeriesOpts): Json {
  const body = withSeries(contract(o.upgrade ? "sonarr-download-upgrade" : "sonarr-download"), o);
  body.episodes = sonarrEpisodes(o.episodes);
  if (o.hash) body.downloadId = o.hash;
  else delete body.downloadId;
  const file = body.episodeFile as Json;
  file.path = `/tv/Show/Season ${o.episodes[0]?.season ?? 1}/file-${o.episodes.map((e) => e.episode).join("-")}.mkv`;
  return body;
}

/** Sonarr's "On Import Complete" body: same eventType, episodeFiles instead of episodeFile. */
export function sonarrImportComplete(o: { hash: string; episodes: Ep[] } & SeriesOpts): Json {
  const body = sonarrImport(o);
  const file = body.episodeFile as Json;
  delete body.episodeFile;
  delete body.isUpgrade;
  body.episodeFiles = [file];
  body.fileCount = 1;
  body.sourcePath = "/downloads/complete/tv";
  body.destinationPath = "/tv/Show";
  return body;
}

export function sonarrBlocked(o: { hash: string; episodes: Ep[] } & SeriesOpts): Json {
  const body = withSeries(contract("sonarr-manual-interaction"), o);
  body.episodes = sonarrEpisodes(o.episodes);
  body.downloadId = o.hash;
  return body;
}

type MovieOpts = { tmdbId?: number; title?: string; tags?: string[] };

function withMovie(body: Json, m: MovieOpts): Json {
  const movie = body.movie as Json;
  const remote = body.remoteMovie as Json | undefined;
  if (m.tmdbId !== undefined) {
    // A different movie has a different IMDb id too; keeping the fixture's would merge them.
    const imdbId = m.tmdbId === 603 ? "tt0133093" : `tt9${m.tmdbId}`;
    Object.assign(movie, { tmdbId: m.tmdbId, imdbId });
    if (remote) Object.assign(remote, { tmdbId: m.tmdbId, imdbId });
  }
  if (m.title) movie.title = m.title;
  if (m.tags) movie.tags = m.tags;
  return body;
}

export function radarrGrab(o: { hash: string } & MovieOpts): Json {
  const body = withMovie(contract("radarr-grab"), o);
  body.downloadId = o.hash;
  return body;
}

export function radarrImport(o: { hash?: string; upgrade?: boolean } & MovieOpts): Json {
  const body = withMovie(contract("radarr-download"), o);
  if (o.hash) body.downloadId = o.hash;
  body.isUpgrade = o.upgrade ?? false;
  return body;
}

export function jellyfinMovie(o: { tmdbId: number; itemId?: string; name?: string }): Json {
  const body = contract("jellyfin-itemadded-movie");
  body.Provider_tmdb = String(o.tmdbId);
  body.Provider_imdb = o.tmdbId === 603 ? "tt0133093" : `tt9${o.tmdbId}`;
  if (o.itemId) body.ItemId = o.itemId;
  if (o.name) body.Name = o.name;
  return body;
}

export function jellyfinEpisode(o: {
  season: number;
  episode: number;
  tvdbId?: number | null;
  seriesName?: string;
  /** The series item's Guid ("N" format); the fixture's when absent. */
  seriesItemId?: string;
  name?: string;
  shokofin?: boolean;
  episodeEnd?: number;
  itemId?: string;
}): Json {
  const body = contract(o.shokofin ? "jellyfin-itemadded-episode-shokofin" : "jellyfin-itemadded-episode");
  body.SeasonNumber = o.season;
  body.EpisodeNumber = o.episode;
  if (o.episodeEnd !== undefined) body.EpisodeNumberEnd = o.episodeEnd;
  if (o.tvdbId === null) delete body.Provider_tvdb;
  else if (!o.shokofin) body.Provider_tvdb = String(o.tvdbId ?? 9_000_000 + o.season * 1000 + o.episode);
  if (o.seriesName) body.SeriesName = o.seriesName;
  if (o.seriesItemId) body.SeriesId = o.seriesItemId;
  if (o.name) body.Name = o.name;
  body.ItemId = o.itemId ?? `${String(o.season).padStart(2, "0")}${String(o.episode).padStart(2, "0")}`.padEnd(32, "a");
  return body;
}

/** Lower-case hash as qBittorrent's "%I" gives it. */
export function qbitFinished(hash: string): string {
  return new URLSearchParams({ hash: hash.toLowerCase(), name: "release", category: "tv-sonarr" }).toString();
}

export const hashes = {
  a: "8C212779B4ABDE7C6BC608063A0D008B7E40CE32",
  b: "0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C",
  c: "3F4E5D6C7B8A99887766554433221100FFEEDDCC",
  d: "1111111111111111111111111111111111111111",
  e: "2222222222222222222222222222222222222222",
};
