import { type Delivery, json, qbit } from "../../tests/helpers/flows";
import {
  jellyfinEpisode,
  jellyfinMovie,
  jellyseerr,
  radarrGrab,
  radarrImport,
  sonarrGrab,
  sonarrImport,
  sonarrImportComplete,
} from "../../tests/helpers/payloads";

export type { Delivery };

/** The webhook stream of scripts/bench-ingest.ts: each request's deliveries, in the order the services send them. */
const hashOf = (n: number, k: number) => (n * 10 + k).toString(16).padStart(40, "0");
/** A Jellyfin Guid ("N" format) of its own for each flow and item: ids shared across flows would serialise them. */
const guidOf = (n: number, k: number) => `${k.toString(16).padStart(2, "0")}${n.toString(16).padStart(30, "0")}`;

/** One request's whole life, in the order the services send it. */
export function flow(n: number): Delivery[] {
  if (n % 5 < 3) {
    const tmdbId = 100_000 + n;
    const movie = { tmdbId, title: `Bench Movie ${n}`, tags: n % 10 === 0 ? ["anime"] : [] };
    const hash = hashOf(n, 1);
    return [
      json("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: n, tmdbId, subject: `Bench Movie ${n} (2024)`, user: `user${n % 4}` })),
      json("jellyseerr", jellyseerr("MEDIA_APPROVED", { requestId: n, tmdbId, subject: `Bench Movie ${n} (2024)` })),
      json("radarr", radarrGrab({ ...movie, hash })),
      qbit(hash),
      json("radarr", radarrImport({ ...movie, hash })),
      json("jellyfin", jellyfinMovie({ tmdbId, itemId: guidOf(n, 9), name: movie.title }), "text/plain"),
    ];
  }
  const tvdbId = 500_000 + n;
  const series = { tvdbId, tmdbId: 200_000 + n, title: `Bench Show ${n}`, type: n % 10 === 4 ? "anime" : "standard" };
  const ep = (episode: number) => ({ season: 1, episode, tvdbId: tvdbId * 100 + episode });
  const pack = [1, 2, 3, 4, 5, 6].map(ep);
  const [packHash, strayHash] = [hashOf(n, 1), hashOf(n, 2)];
  return [
    json(
      "jellyseerr",
      jellyseerr("MEDIA_AUTO_APPROVED", {
        mediaType: "tv",
        requestId: n,
        tmdbId: series.tmdbId,
        tvdbId,
        seasons: [1],
        subject: `${series.title} (2024)`,
      }),
    ),
    json("sonarr", sonarrGrab({ ...series, hash: packHash, episodes: pack })),
    json("sonarr", sonarrGrab({ ...series, hash: strayHash, episodes: [ep(7)] })),
    qbit(packHash),
    qbit(strayHash),
    json("sonarr", sonarrImportComplete({ ...series, hash: packHash, episodes: pack })),
    json("sonarr", sonarrImport({ ...series, hash: strayHash, episodes: [ep(7)] })),
    ...[...pack, ep(7)].map((e) =>
      json(
        "jellyfin",
        jellyfinEpisode({
          season: 1,
          episode: e.episode,
          tvdbId: e.tvdbId,
          seriesName: series.title,
          seriesItemId: guidOf(n, 3),
          name: `${series.title}, episode ${e.episode}`,
          itemId: guidOf(n, 10 + e.episode),
        }),
        "text/plain",
      ),
    ),
  ];
}
