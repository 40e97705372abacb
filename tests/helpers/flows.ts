import {
  jellyfinEpisode,
  jellyfinMovie,
  jellyseerr,
  qbitFinished,
  radarrGrab,
  radarrImport,
  sonarrGrab,
  sonarrImport,
  sonarrImportComplete,
} from "./payloads";

/**
 * The four flows as raw deliveries, in the order the services send them; `n` makes every id, hash and title
 * its own, so many flows can run side by side. Used by the ordering tests and the fault suite.
 */

export type Delivery = { source: string; body: string; contentType: string };
export type FlowKind = "movie" | "tv" | "animeMovie" | "animeTv";
export type Flow = { kind: FlowKind; n: number; title: string; deliveries: Delivery[] };

/** A JSON delivery as the service sends it. */
export const json = (source: string, body: unknown, contentType = "application/json"): Delivery => ({
  source,
  body: JSON.stringify(body),
  contentType,
});
/** qBittorrent's "run on completion" call for a hash. */
export const qbit = (hash: string): Delivery => ({
  source: "qbittorrent",
  body: qbitFinished(hash),
  contentType: "application/x-www-form-urlencoded",
});
const hashOf = (n: number, k: number) => (n * 16 + k).toString(16).padStart(40, "0");
const itemId = (n: number, k: number) => (n * 64 + k).toString(16).padStart(32, "0");
/** An episode's ItemAdded with the flow's own Jellyfin series id (the contract example's is shared by every flow). */
const episodeItem = (n: number, o: Parameters<typeof jellyfinEpisode>[0]) => jellyfinEpisode({ ...o, seriesItemId: itemId(n, 63) });

function movie(n: number): Flow {
  const tmdbId = 700_000 + n;
  const title = `Fault Movie ${n}`;
  const hash = hashOf(n, 1);
  return {
    kind: "movie",
    n,
    title,
    deliveries: [
      json("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: 10_000 + n, tmdbId, subject: `${title} (2024)` })),
      json("jellyseerr", jellyseerr("MEDIA_APPROVED", { requestId: 10_000 + n, tmdbId, subject: `${title} (2024)` })),
      json("radarr", radarrGrab({ hash, tmdbId, title })),
      qbit(hash),
      json("radarr", radarrImport({ hash, tmdbId, title })),
      json("jellyfin", jellyfinMovie({ tmdbId, itemId: itemId(n, 1) }), "text/plain"),
    ],
  };
}

function tv(n: number): Flow {
  const tvdbId = 800_000 + n;
  const title = `Fault Show ${n}`;
  const series = { tvdbId, tmdbId: 810_000 + n, title, type: "standard" };
  const ep = (episode: number) => ({ season: 1, episode, tvdbId: tvdbId * 100 + episode });
  const pack = [1, 2, 3].map(ep);
  const [packHash, strayHash] = [hashOf(n, 2), hashOf(n, 3)];
  return {
    kind: "tv",
    n,
    title,
    deliveries: [
      json(
        "jellyseerr",
        jellyseerr("MEDIA_AUTO_APPROVED", {
          mediaType: "tv",
          requestId: 10_000 + n,
          tmdbId: series.tmdbId,
          tvdbId,
          seasons: [1],
          subject: `${title} (2008)`,
        }),
      ),
      json("sonarr", sonarrGrab({ ...series, hash: packHash, episodes: pack })),
      json("sonarr", sonarrGrab({ ...series, hash: strayHash, episodes: [ep(4)] })),
      qbit(packHash),
      qbit(strayHash),
      json("sonarr", sonarrImportComplete({ ...series, hash: packHash, episodes: pack })),
      json("sonarr", sonarrImport({ ...series, hash: strayHash, episodes: [ep(4)] })),
      ...[...pack, ep(4)].map((e) =>
        json(
          "jellyfin",
          episodeItem(n, { season: 1, episode: e.episode, tvdbId: e.tvdbId, seriesName: title, itemId: itemId(n, 10 + e.episode) }),
          "text/plain",
        ),
      ),
    ],
  };
}

function animeMovie(n: number): Flow {
  const tmdbId = 720_000 + n;
  const title = `Fault Anime Movie ${n}`;
  const m = { tmdbId, title, tags: ["anime"] };
  const hash = hashOf(n, 4);
  return {
    kind: "animeMovie",
    n,
    title,
    deliveries: [
      json("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 10_000 + n, tmdbId, subject: `${title} (2020)` })),
      json("radarr", radarrGrab({ ...m, hash })),
      qbit(hash),
      json("radarr", radarrImport({ ...m, hash })),
      // Shokofin files an anime movie as a series with one episode of the movie's name.
      json("jellyfin", episodeItem(n, { season: 1, episode: 1, shokofin: true, seriesName: title, itemId: itemId(n, 2) }), "text/plain"),
    ],
  };
}

function animeTv(n: number): Flow {
  const tvdbId = 820_000 + n;
  const title = `Fault Anime Show ${n}`;
  const series = { tvdbId, tmdbId: 830_000 + n, title, type: "anime" };
  const eps = [1, 2].map((episode) => ({ season: 1, episode, tvdbId: tvdbId * 100 + episode }));
  const hash = hashOf(n, 5);
  return {
    kind: "animeTv",
    n,
    title,
    deliveries: [
      json(
        "jellyseerr",
        jellyseerr("MEDIA_AUTO_APPROVED", {
          mediaType: "tv",
          requestId: 10_000 + n,
          tmdbId: series.tmdbId,
          tvdbId,
          seasons: [1],
          subject: `${title} (2023)`,
        }),
      ),
      json("sonarr", sonarrGrab({ ...series, hash, episodes: eps })),
      qbit(hash),
      json("sonarr", sonarrImport({ ...series, hash, episodes: eps })),
      // Shokofin episodes carry no TVDB id: they match by series name, season and episode.
      ...eps.map((e) =>
        json(
          "jellyfin",
          episodeItem(n, { season: 1, episode: e.episode, shokofin: true, seriesName: title, itemId: itemId(n, 20 + e.episode) }),
          "text/plain",
        ),
      ),
    ],
  };
}

const builders: Record<FlowKind, (n: number) => Flow> = { movie, tv, animeMovie, animeTv };
export const flowKinds = Object.keys(builders) as FlowKind[];

/**
 * The stage a flow ends at when its deliveries arrive in order. No Sonarr answers here, so a season's episode list
 * is unknown: a series is never called complete, only partly there.
 */
export function finalStage(kind: FlowKind): "available" | "partially_available" {
  return kind === "tv" || kind === "animeTv" ? "partially_available" : "available";
}

/** Flow number `n` of a kind; n = 1, 2, … keeps every flow's ids apart from every other's. */
export function buildFlow(kind: FlowKind, n: number): Flow {
  return builders[kind](n);
}

/** Flows 1..count cycling through the four kinds. */
export function mixedFlows(count: number, first = 1): Flow[] {
  return Array.from({ length: count }, (_, i) => buildFlow(flowKinds[(first + i) % 4]!, first + i));
}

/** A deterministic shuffle (seeded), for interleavings that can be replayed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
