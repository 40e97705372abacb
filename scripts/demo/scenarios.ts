import type { RunIds, Scenario, Step } from "./engine";
import { RESOLVE_AT } from "./pace";
import {
  episodeImport,
  episodeInJellyfin,
  episodeList,
  episodePath,
  importBlocked,
  jellyseerrAvailable,
  movieGrab,
  movieImport,
  movieInJellyfin,
  moviePath,
  requested,
  resumeTorrent,
  shokoFile,
  shokoMatched,
  showGrab,
  torrentFinished,
  type Movie,
  type Show,
} from "./world";

/**
 * The demo's scenarios: the four flows that must reach "available", an airing series and a partly grabbed
 * season (every requested episode known from Sonarr's list), and the four trouble cases. Timing is
 * compressed so a whole flow takes under a minute; titles rotate per batch so the portal reads naturally.
 */
const pick = <T>(pool: readonly T[], ids: RunIds): T => pool[ids.batch % pool.length]!;

/**
 * Trouble cases come every fourth batch, each time with another title, and each one is sorted out
 * RESOLVE_AT after it started (scripts/demo/pace.ts), so they never pile up: at most two of each are open at once.
 */
const pickTrouble = <T>(pool: readonly T[], ids: RunIds): T => pool[Math.floor(ids.batch / 4) % pool.length]!;

const movies: Movie[] = [
  { title: "Arrival", year: 2016 },
  { title: "The Grand Budapest Hotel", year: 2014 },
  { title: "Dune: Part Two", year: 2024 },
  { title: "Paddington 2", year: 2017 },
];
const shows: Show[] = [
  { title: "Severance", year: 2022 },
  { title: "The Bear", year: 2022 },
  { title: "Slow Horses", year: 2022 },
];
const animeMovies: Movie[] = [
  { title: "Suzume", year: 2022, anime: true },
  { title: "Your Name.", year: 2016, anime: true },
  { title: "The Boy and the Heron", year: 2023, anime: true },
];
const animeShows: Show[] = [
  { title: "Sousou no Frieren", year: 2023, anime: true },
  { title: "Dungeon Meshi", year: 2024, anime: true },
  { title: "Kusuriya no Hitorigoto", year: 2023, anime: true },
];

const regularMovie: Scenario = {
  name: "movie",
  summary: "Regular movie: Jellyseerr → Radarr → qBittorrent → import → Jellyfin",
  trouble: false,
  steps: (ids) => {
    const m = pick(movies, ids);
    return [
      requested(ids, m, "movie"),
      movieGrab(ids, m, 3_000, { seconds: 30 }),
      torrentFinished(ids, 1, 33_500, m.title),
      movieImport(ids, m, 35_000),
      movieInJellyfin(ids, m, 39_000),
      jellyseerrAvailable(ids, m, "movie", 42_000),
    ];
  },
};

const regularTv: Scenario = {
  name: "tv",
  summary: "Regular tv: a season pack (episodes 1–5) plus episode 6 as a straggler in a second torrent",
  trouble: false,
  steps: (ids) => {
    const s = pick(shows, ids);
    const pack = [1, 2, 3, 4, 5];
    return [
      requested(ids, s, "tv"),
      showGrab(ids, s, 3_000, { n: 1, episodes: pack, seconds: 32 }),
      showGrab(ids, s, 9_000, { n: 2, episodes: [6], seconds: 20 }),
      episodeImport(ids, s, 30_000, { n: 2, episode: 6 }),
      episodeInJellyfin(ids, s, 33_000, 6),
      ...pack.map((n, i) => episodeImport(ids, s, 36_000 + i * 600, { n: 1, episode: n })),
      ...pack.map((n, i) => episodeInJellyfin(ids, s, 41_000 + i * 600, n)),
      jellyseerrAvailable(ids, s, "tv", 46_000),
    ];
  },
};

const animeMovie: Scenario = {
  name: "anime-movie",
  summary: "Anime movie (Radarr tag anime) that Shokofin files in Jellyfin as a series",
  trouble: false,
  steps: (ids) => {
    const m = pick(animeMovies, ids);
    const asSeries: Show = { title: m.title, year: m.year, anime: true };
    return [
      requested(ids, m, "movie"),
      movieGrab(ids, m, 3_000, { seconds: 26 }),
      movieImport(ids, m, 31_000),
      shokoFile(ids, moviePath(m), 33_000, true, 1),
      episodeInJellyfin(ids, asSeries, 37_000, 1),
    ];
  },
};

const animeTv: Scenario = {
  name: "anime-tv",
  summary: "Anime tv (Sonarr series type anime): import → Shoko match → Shokofin episodes in Jellyfin",
  trouble: false,
  steps: (ids) => {
    const s = pick(animeShows, ids);
    const all = [1, 2, 3];
    return [
      requested(ids, s, "tv"),
      showGrab(ids, s, 3_000, { n: 1, episodes: all, seconds: 28 }),
      ...all.map((n, i) => episodeImport(ids, s, 33_000 + i * 600, { n: 1, episode: n })),
      ...all.map((n, i) => shokoFile(ids, episodePath(s, n), 35_000 + i * 300, true, n)),
      ...all.map((n, i) => episodeInJellyfin(ids, s, 38_000 + i * 700, n)),
    ];
  },
};

const airing: Scenario = {
  name: "airing",
  summary: "An airing series: episodes 1–3 aired and become ready, 4–6 air in the coming weeks (partly available, next one airs …)",
  trouble: false,
  occasional: true,
  steps: (ids) => {
    const s: Show = { title: "Shrinking", year: 2023 };
    const aired = [1, 2, 3];
    return [
      episodeList(ids, { aired, upcoming: [4, 5, 6] }),
      requested(ids, s, "tv"),
      showGrab(ids, s, 3_000, { n: 1, episodes: aired, seconds: 20 }),
      ...aired.map((n, i) => episodeImport(ids, s, 26_000 + i * 600, { n: 1, episode: n })),
      ...aired.map((n, i) => episodeInJellyfin(ids, s, 30_000 + i * 700, n)),
    ];
  },
};

const partialSeason: Scenario = {
  name: "partial-season",
  summary: "A season only partly grabbed: all 8 episodes aired, Sonarr found releases for 3; the rest show as searching",
  trouble: false,
  occasional: true,
  steps: (ids) => {
    const s: Show = { title: "Fallout", year: 2024 };
    const found = [1, 2, 3];
    return [
      episodeList(ids, { aired: [1, 2, 3, 4, 5, 6, 7, 8], upcoming: [] }),
      requested(ids, s, "tv"),
      showGrab(ids, s, 3_000, { n: 1, episodes: found, seconds: 18 }),
      ...found.map((n, i) => episodeImport(ids, s, 24_000 + i * 600, { n: 1, episode: n })),
      ...found.map((n, i) => episodeInJellyfin(ids, s, 28_000 + i * 700, n)),
    ];
  },
};

const stalled: Scenario = {
  name: "stalled",
  summary: "Trouble: the torrent loses its peers at 23 % (qBittorrent stalledDL, 0 B/s); Radarr's queue warns; later the swarm returns",
  trouble: true,
  steps: (ids) => {
    const m = pickTrouble<Movie>(
      [
        { title: "Blade Runner 2049", year: 2017 },
        { title: "Oppenheimer", year: 2023 },
        { title: "Drive", year: 2011 },
      ],
      ids,
    );
    const hash = movieGrab(ids, m, 3_000, { seconds: 40, stallAt: 0.23 });
    const warn: Step = {
      at: 14_000,
      world: (sim) => {
        for (const q of sim.radarr.queue.filter((x) => x.ownerId === ids.uid)) {
          Object.assign(q, {
            status: "warning",
            trackedDownloadStatus: "warning",
            statusMessages: [{ title: q.title ?? "", messages: ["The download is stalled with no connections"] }],
          });
        }
      },
    };
    return [
      requested(ids, m, "movie"),
      hash,
      warn,
      resumeTorrent(ids, 1, RESOLVE_AT, 8),
      movieImport(ids, m, RESOLVE_AT + 10_000),
      movieInJellyfin(ids, m, RESOLVE_AT + 12_000),
    ];
  },
};

const blocked: Scenario = {
  name: "import-blocked",
  summary: "Trouble: Sonarr will not import the download (Manual Interaction Required, queue importBlocked); later it is imported by hand",
  trouble: true,
  steps: (ids) => {
    const s = pickTrouble<Show>(
      [
        { title: "Andor", year: 2022 },
        { title: "The Expanse", year: 2015 },
        { title: "Station Eleven", year: 2021 },
      ],
      ids,
    );
    return [
      requested(ids, s, "tv"),
      showGrab(ids, s, 3_000, { n: 1, episodes: [1, 2], seconds: 14 }),
      importBlocked(ids, s, 20_000, { n: 1, episodes: [1, 2] }),
      episodeImport(ids, s, RESOLVE_AT, { n: 1, episode: 1 }),
      episodeImport(ids, s, RESOLVE_AT + 600, { n: 1, episode: 2 }),
      episodeInJellyfin(ids, s, RESOLVE_AT + 3_000, 1),
      episodeInJellyfin(ids, s, RESOLVE_AT + 3_700, 2),
    ];
  },
};

const lostImport: Scenario = {
  name: "lost-import",
  summary: "Trouble: Radarr's import webhook never arrives; the sweep finds the import in Radarr's history and the movie in Jellyfin",
  trouble: true,
  steps: (ids) => {
    const m = pickTrouble<Movie>(
      [
        { title: "Past Lives", year: 2023 },
        { title: "Aftersun", year: 2022 },
        { title: "Perfect Days", year: 2023 },
      ],
      ids,
    );
    return [
      requested(ids, m, "movie"),
      movieGrab(ids, m, 2_000, { seconds: 9 }),
      movieImport(ids, m, 13_000, false),
      movieInJellyfin(ids, m, 15_000, false),
    ];
  },
};

const matchFailure: Scenario = {
  name: "shoko-match-failure",
  summary: "Trouble: anime episode imported, Shoko has the file but cannot match it to AniDB; later the match is fixed",
  trouble: true,
  steps: (ids) => {
    const s = pickTrouble<Show>(
      [
        { title: "Mononoke", year: 2007, anime: true },
        { title: "Ping Pong the Animation", year: 2014, anime: true },
        { title: "Dororo", year: 2019, anime: true },
      ],
      ids,
    );
    return [
      requested(ids, s, "tv"),
      showGrab(ids, s, 3_000, { n: 1, episodes: [1], seconds: 12 }),
      episodeImport(ids, s, 17_000, { n: 1, episode: 1 }),
      shokoFile(ids, episodePath(s, 1), 18_000, false, 1),
      shokoMatched(ids, RESOLVE_AT, 1),
      episodeInJellyfin(ids, s, RESOLVE_AT + 2_000, 1),
    ];
  },
};

export const scenarios: Scenario[] = [
  regularMovie,
  regularTv,
  animeMovie,
  animeTv,
  airing,
  partialSeason,
  stalled,
  blocked,
  lostImport,
  matchFailure,
];

export function findScenario(name: string): Scenario | undefined {
  return scenarios.find((s) => s.name === name);
}
