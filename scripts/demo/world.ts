import type { FakeEpisode } from "../../tests/fakes/arr";
import {
  radarrGrab,
  radarrImport,
  sonarrBlocked,
  sonarrGrab,
  sonarrImport,
  jellyfinEpisode,
  jellyfinMovie,
  jellyseerr,
  qbitFinished,
} from "../../tests/helpers/payloads";
import { releaseOf, requesterOf } from "./cast";
import type { Delivery, RunIds, Step } from "./engine";
import { infoHash } from "./engine";

/**
 * The moves every scenario is made of, each a simulator change plus the webhook the real service sends at
 * that moment. Bodies come from the contract payload builders; only ids, titles and paths are the run's own.
 */
type Json = Record<string, unknown>;
export type Movie = { title: string; year: number; anime?: boolean };
export type Show = { title: string; year: number; anime?: boolean };

const GB = 1_073_741_824;
const AIRED = "2022-02-18T02:00:00Z";
const ep = (ids: RunIds, n: number, airDateUtc = AIRED): FakeEpisode => ({
  seasonNumber: 1,
  episodeNumber: n,
  tvdbId: ids.uid * 100 + n,
  title: `Episode ${n}`,
  airDateUtc,
});
const eps = (ids: RunIds, ns: number[]) => ns.map((n) => ({ season: 1, episode: n, tvdbId: ids.uid * 100 + n }));
const send = (source: Delivery["source"], body: unknown, label: string): Delivery => ({ source, body, label });
/** A download's demo-time length at the demo's pace, in milliseconds (never zero: progress divides by it). */
const paced = (seconds: number, pace: number) => Math.max(1, seconds * 1000 * pace);

export function moviePath(m: Movie): string {
  return m.anime ? `/anime/${m.title}/${m.title} (${m.year}).mkv` : `/movies/${m.title} (${m.year})/${m.title} (${m.year}).mkv`;
}

export function episodePath(s: Show, n: number): string {
  const name = `${s.title} - S01E${String(n).padStart(2, "0")}.mkv`;
  return s.anime ? `/anime/${s.title}/Season 1/${name}` : `/tv/${s.title} (${s.year})/Season 01/${name}`;
}

/** Jellyseerr's "Request Automatically Approved": the request appears in the portal. */
export function requested(ids: RunIds, media: Movie | Show, type: "movie" | "tv", at = 0): Step {
  const body = jellyseerr("MEDIA_AUTO_APPROVED", {
    requestId: ids.uid,
    mediaType: type,
    tmdbId: ids.uid,
    tvdbId: type === "tv" ? ids.uid : undefined,
    seasons: type === "tv" ? [1] : undefined,
    subject: `${media.title} (${media.year})`,
    user: requesterOf(ids),
  });
  return {
    at,
    world: (sim) => {
      if (type === "movie") sim.radarr.movies.push({ id: ids.uid, title: media.title, tmdbId: ids.uid, tags: media.anime ? [1] : [] });
      else sim.sonarr.series.push({ id: ids.uid, title: media.title, tvdbId: ids.uid, seriesType: media.anime ? "anime" : "standard" });
    },
    send: send("jellyseerr", body, `Jellyseerr: ${media.title} requested`),
  };
}

export function jellyseerrAvailable(ids: RunIds, media: Movie | Show, type: "movie" | "tv", at: number): Step {
  const body = jellyseerr("MEDIA_AVAILABLE", {
    requestId: ids.uid,
    mediaType: type,
    tmdbId: ids.uid,
    tvdbId: type === "tv" ? ids.uid : undefined,
    seasons: type === "tv" ? [1] : undefined,
    subject: `${media.title} (${media.year})`,
    user: requesterOf(ids),
  });
  return { at, send: send("jellyseerr", body, `Jellyseerr: ${media.title} available`) };
}

/**
 * Sonarr's episode list for season 1: `aired` episodes aired already, `upcoming` ones air weekly from next week.
 * The tracker reads it on approval and on every sweep, so every requested episode is known before any grab.
 */
export function episodeList(ids: RunIds, o: { aired: number[]; upcoming: number[] }, at = 0): Step {
  return {
    at,
    world: (sim) => {
      const week = 7 * 86_400_000;
      for (const n of o.aired) sim.sonarr.episodes.push({ seriesId: ids.uid, ...ep(ids, n) });
      for (const [i, n] of o.upcoming.entries()) {
        sim.sonarr.episodes.push({ seriesId: ids.uid, ...ep(ids, n, new Date(Date.now() + (i + 1) * week).toISOString()) });
      }
    },
  };
}

/** Radarr grabs a release: the torrent starts in qBittorrent and shows in Radarr's queue and history. */
export function movieGrab(ids: RunIds, m: Movie, at: number, o: { seconds: number; stallAt?: number }): Step {
  const hash = infoHash(ids.uid, 1);
  const release = releaseOf(ids, m.title, String(m.year));
  const name = `${release.name}.mkv`;
  const body = radarrGrab({ hash: hash.toUpperCase(), tmdbId: ids.uid, title: m.title, tags: m.anime ? ["anime"] : [] });
  Object.assign(body.release as Json, {
    releaseTitle: release.name,
    quality: release.quality,
    releaseGroup: release.group,
    indexer: release.indexer,
  });
  return {
    at,
    world: (sim, pace) => {
      sim.qbit.add({ hash, name, size: Math.round(4.2 * GB), category: "radarr", durationMs: paced(o.seconds, pace), stallAt: o.stallAt });
      sim.radarr.queue.push({ downloadId: hash, ownerId: ids.uid, title: name, size: Math.round(4.2 * GB) });
      sim.radarr.history.unshift({
        ownerId: ids.uid,
        eventType: "grabbed",
        downloadId: hash.toUpperCase(),
        sourceTitle: name,
        date: new Date().toISOString(),
      });
    },
    send: send("radarr", body, `Radarr: grabbed ${release.name}`),
  };
}

/** qBittorrent's "run on torrent finished" curl line. */
export function torrentFinished(ids: RunIds, n: number, at: number, label: string): Step {
  return { at, send: send("qbittorrent", qbitFinished(infoHash(ids.uid, n)), `qBittorrent: ${label} finished`) };
}

/** Radarr imports the file; `webhook: false` is the lost delivery the sweep must recover from history. */
export function movieImport(ids: RunIds, m: Movie, at: number, webhook = true): Step {
  const hash = infoHash(ids.uid, 1);
  const body = radarrImport({ hash: hash.toUpperCase(), tmdbId: ids.uid, title: m.title, tags: m.anime ? ["anime"] : [] });
  Object.assign(body.movieFile as Json, { path: moviePath(m), relativePath: moviePath(m).split("/").pop() });
  Object.assign(body.movie as Json, { folderPath: moviePath(m).split("/").slice(0, -1).join("/"), year: m.year });
  return {
    at,
    world: (sim) => {
      sim.radarr.queue = sim.radarr.queue.filter((q) => q.downloadId !== hash);
      sim.radarr.history.unshift({
        ownerId: ids.uid,
        eventType: "downloadFolderImported",
        downloadId: hash.toUpperCase(),
        importedPath: moviePath(m),
        date: new Date().toISOString(),
      });
      const movie = sim.radarr.movies.find((x) => x.id === ids.uid);
      if (movie) movie.filePath = moviePath(m);
    },
    send: webhook ? send("radarr", body, `Radarr: imported ${m.title}`) : undefined,
  };
}

/** Jellyfin scans the movie in; `webhook: false` leaves only the library (found by the sweep's lookup). */
export function movieInJellyfin(ids: RunIds, m: Movie, at: number, webhook = true): Step {
  const itemId = infoHash(ids.uid, 90).slice(0, 32);
  const body = jellyfinMovie({ tmdbId: ids.uid, itemId });
  Object.assign(body, { Name: m.title, Year: m.year });
  return {
    at,
    world: (sim) =>
      void sim.jellyfin.items.push({
        Id: itemId,
        Name: m.title,
        Type: "Movie",
        ProviderIds: { Tmdb: String(ids.uid), Imdb: `tt9${ids.uid}` },
        Path: moviePath(m),
        playable: true,
      }),
    send: webhook ? send("jellyfin", body, `Jellyfin: ${m.title} added`) : undefined,
  };
}

/** Sonarr grabs one torrent (torrent number `n`) holding these episodes of season 1. */
export function showGrab(ids: RunIds, s: Show, at: number, o: { n: number; episodes: number[]; seconds: number }): Step {
  const hash = infoHash(ids.uid, o.n);
  const pad = (n: number | undefined) => String(n ?? 1).padStart(2, "0");
  const first = o.episodes[0];
  const last = o.episodes.at(-1);
  const what = s.anime ? (o.episodes.length > 1 ? `${pad(first)}-${pad(last)}` : pad(first)) : o.episodes.length > 1 ? "S01" : `S01E${pad(first)}`;
  const release = releaseOf(ids, s.title, what, s.anime);
  const name = o.episodes.length > 1 ? release.name : `${release.name}.mkv`;
  const body = sonarrGrab({
    hash: hash.toUpperCase(),
    episodes: eps(ids, o.episodes),
    tvdbId: ids.uid,
    title: s.title,
    type: s.anime ? "anime" : "standard",
  });
  Object.assign(body.release as Json, {
    releaseTitle: release.name,
    quality: release.quality,
    releaseGroup: release.group,
    indexer: release.indexer,
  });
  const size = Math.round(1.4 * GB * o.episodes.length);
  return {
    at,
    world: (sim, pace) => {
      sim.qbit.add({ hash, name, size, category: "tv-sonarr", durationMs: paced(o.seconds, pace) });
      for (const n of o.episodes) {
        sim.sonarr.queue.push({ downloadId: hash, ownerId: ids.uid, title: name, episode: ep(ids, n), size });
        sim.sonarr.history.unshift({
          ownerId: ids.uid,
          eventType: "grabbed",
          downloadId: hash.toUpperCase(),
          sourceTitle: name,
          episode: ep(ids, n),
          date: new Date().toISOString(),
        });
        if (!sim.sonarr.episodes.some((e) => e.seriesId === ids.uid && e.episodeNumber === n))
          sim.sonarr.episodes.push({ seriesId: ids.uid, ...ep(ids, n) });
      }
    },
    send: send("sonarr", body, `Sonarr: grabbed ${release.name}`),
  };
}

/** Sonarr imports one episode file of torrent `n` ("On File Import" sends one Download per file). */
export function episodeImport(ids: RunIds, s: Show, at: number, o: { n: number; episode: number }): Step {
  const hash = infoHash(ids.uid, o.n);
  const body = sonarrImport({
    hash: hash.toUpperCase(),
    episodes: eps(ids, [o.episode]),
    tvdbId: ids.uid,
    title: s.title,
    type: s.anime ? "anime" : "standard",
  });
  const path = episodePath(s, o.episode);
  Object.assign(body.episodeFile as Json, { path, relativePath: path.split("/").slice(-2).join("/") });
  return {
    at,
    world: (sim) => {
      sim.sonarr.queue = sim.sonarr.queue.filter((q) => !(q.downloadId === hash && q.episode?.episodeNumber === o.episode));
      sim.sonarr.history.unshift({
        ownerId: ids.uid,
        eventType: "downloadFolderImported",
        downloadId: hash.toUpperCase(),
        importedPath: path,
        episode: ep(ids, o.episode),
        date: new Date().toISOString(),
      });
      const known = sim.sonarr.episodes.find((e) => e.seriesId === ids.uid && e.episodeNumber === o.episode);
      if (known) known.filePath = path;
    },
    send: send("sonarr", body, `Sonarr: imported ${s.title} S01E${String(o.episode).padStart(2, "0")}`),
  };
}

/** Sonarr's "Manual Interaction Required", with the queue saying importBlocked as Sonarr's API does. */
export function importBlocked(ids: RunIds, s: Show, at: number, o: { n: number; episodes: number[] }): Step {
  const hash = infoHash(ids.uid, o.n);
  const body = sonarrBlocked({ hash: hash.toUpperCase(), episodes: eps(ids, o.episodes), tvdbId: ids.uid, title: s.title, type: "standard" });
  const messages = body.downloadStatusMessages as { title: string; messages: string[] }[];
  return {
    at,
    world: (sim) => {
      for (const q of sim.sonarr.queue.filter((x) => x.downloadId === hash)) {
        Object.assign(q, { status: "completed", trackedDownloadStatus: "warning", trackedDownloadState: "importBlocked", statusMessages: messages });
      }
    },
    send: send("sonarr", body, `Sonarr: ${s.title} needs manual import`),
  };
}

/** Shoko sees the imported file; matched or not is what its REST API answers from then on. */
export function shokoFile(ids: RunIds, path: string, at: number, matched: boolean, n: number): Step {
  const relative = path.replace(/^\/anime\//, "");
  return {
    at,
    world: (sim) =>
      void sim.shoko.files.push({ ID: ids.uid * 10 + n, Size: Math.round(1.4 * GB), matched, ImportFolderID: 2, RelativePath: relative }),
  };
}

/** Shokofin puts the episode in Jellyfin (no TVDB id) and the Webhook plugin sends ItemAdded. */
export function episodeInJellyfin(ids: RunIds, s: Show, at: number, n: number): Step {
  const seriesId = infoHash(ids.uid, 80).slice(0, 32);
  const itemId = infoHash(ids.uid, 100 + n).slice(0, 32);
  const body = jellyfinEpisode({
    season: 1,
    episode: n,
    tvdbId: s.anime ? undefined : ids.uid * 100 + n,
    seriesName: s.title,
    shokofin: s.anime,
    itemId,
  });
  Object.assign(body, { SeriesId: seriesId, Name: `Episode ${n}` });
  return {
    at,
    world: (sim) => {
      if (!sim.jellyfin.items.some((i) => i.Id === seriesId)) {
        sim.jellyfin.items.push({
          Id: seriesId,
          Name: s.title,
          Type: "Series",
          ProviderIds: s.anime ? { "Shoko Series": String(ids.uid) } : { Tvdb: String(ids.uid), Tmdb: String(ids.uid) },
        });
      }
      sim.jellyfin.items.push({
        Id: itemId,
        Name: `Episode ${n}`,
        Type: "Episode",
        SeriesId: seriesId,
        ParentIndexNumber: 1,
        IndexNumber: n,
        Path: episodePath(s, n),
        playable: true,
      });
    },
    send: send("jellyfin", body, `Jellyfin: ${s.title} S01E${String(n).padStart(2, "0")} added`),
  };
}

/**
 * The swarm comes back: the stalled torrent resumes where it stopped and finishes in `seconds`; the queue's
 * warning goes with it.
 */
export function resumeTorrent(ids: RunIds, n: number, at: number, seconds: number): Step {
  const hash = infoHash(ids.uid, n);
  return {
    at,
    world: (sim, pace) => {
      const stalled = sim.qbit.torrents.find((t) => t.hash === hash);
      if (!stalled) return;
      const from = stalled.stallAt ?? 0;
      const durationMs = paced(seconds, pace) / (1 - from);
      sim.qbit.add({ ...stalled, stallAt: undefined, durationMs, addedAt: Date.now() - from * durationMs });
      for (const q of [...sim.radarr.queue, ...sim.sonarr.queue].filter((x) => x.downloadId === hash)) {
        Object.assign(q, { status: "downloading", trackedDownloadStatus: "ok", statusMessages: [] });
      }
    },
  };
}

/** Someone fixes the file's match in Shoko (AniDB knows it now): Shoko answers "matched" from then on. */
export function shokoMatched(ids: RunIds, at: number, n: number): Step {
  return {
    at,
    world: (sim) => {
      const file = sim.shoko.files.find((f) => f.ID === ids.uid * 10 + n);
      if (file) file.matched = true;
    },
  };
}
