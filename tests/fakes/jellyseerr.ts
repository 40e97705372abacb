import { startFake, type FakeRequest, type FakeResponse } from "./server";

/**
 * Jellyseerr's REST API v1 as contracts/jellyseerr-api.md describes it: `X-Api-Key` (403 without the right one),
 * `GET /request` paged by take/skip and sorted by `modified` newest first, `{pageInfo, results}`, numeric
 * statuses, eager `media`, `requestedBy` and `seasons`; `GET /movie|tv/{tmdbId}` details; public `GET /status`.
 */
export type FakeJellyseerrRequest = {
  id: number;
  status: 1 | 2 | 3 | 4 | 5;
  type: "movie" | "tv";
  tmdbId: number;
  tvdbId?: number;
  seasons?: number[];
  user?: string;
  updatedAt?: string;
};
export type FakeTitle = { mediaType: "movie" | "tv"; tmdbId: number; title: string; date: string };

export class FakeJellyseerr {
  requests: FakeJellyseerrRequest[] = [];
  titles: FakeTitle[] = [];
  constructor(readonly apiKey = "jellyseerr-key") {}

  private resource(r: FakeJellyseerrRequest) {
    const at = r.updatedAt ?? "2025-03-02T20:17:31.000Z";
    const user = {
      id: 2,
      displayName: r.user ?? "Sam",
      username: null,
      jellyfinUsername: r.user ?? "Sam",
      email: `${(r.user ?? "sam").toLowerCase()}@example.test`,
      userType: 3,
      permissions: 32,
      requestCount: 1,
      createdAt: at,
      updatedAt: at,
    };
    const media = {
      id: 100 + r.id,
      mediaType: r.type,
      tmdbId: r.tmdbId,
      ...(r.tvdbId ? { tvdbId: r.tvdbId } : {}),
      status: r.status === 2 ? 3 : 2,
      status4k: 1,
      createdAt: at,
      updatedAt: at,
    };
    const seasons = (r.seasons ?? []).map((n, i) => ({ id: r.id * 100 + i, seasonNumber: n, status: r.status, createdAt: at, updatedAt: at }));
    return {
      id: r.id,
      status: r.status,
      type: r.type,
      is4k: false,
      isAutoRequest: false,
      media,
      requestedBy: user,
      modifiedBy: null,
      seasons,
      serverId: 0,
      profileId: 4,
      rootFolder: null,
      createdAt: at,
      updatedAt: at,
    };
  }

  handle = (req: FakeRequest): FakeResponse | undefined => {
    if (req.method === "GET" && req.path === "/api/v1/status")
      return { status: 200, body: { version: "2.3.0", commitTag: "v2.3.0", updateAvailable: false, commitsBehind: 0, restartRequired: false } };
    if (req.headers["x-api-key"] !== this.apiKey)
      return { status: 403, body: { status: 403, error: "You do not have permission to access this endpoint" } };
    if (req.method === "GET" && req.path === "/api/v1/request") {
      const take = Number(req.query.get("take") ?? 10);
      const skip = Number(req.query.get("skip") ?? 0);
      const sorted = [...this.requests].sort((a, b) => (b.updatedAt ?? "").localeCompare(a.updatedAt ?? "") || b.id - a.id);
      const results = sorted.slice(skip, skip + take).map((r) => this.resource(r));
      return {
        status: 200,
        body: {
          pageInfo: { pages: Math.ceil(sorted.length / take), pageSize: take, results: sorted.length, page: Math.floor(skip / take) + 1 },
          results,
        },
      };
    }
    const details = /^\/api\/v1\/(movie|tv)\/(\d+)$/.exec(req.path);
    if (req.method === "GET" && details) {
      const t = this.titles.find((x) => x.mediaType === details[1] && x.tmdbId === Number(details[2]));
      if (!t) return { status: 404, body: { message: "Unable to retrieve movie." } };
      return {
        status: 200,
        body:
          t.mediaType === "movie"
            ? { id: t.tmdbId, title: t.title, releaseDate: t.date, posterPath: "/poster.jpg" }
            : { id: t.tmdbId, name: t.title, firstAirDate: t.date, posterPath: "/poster.jpg" },
      };
    }
    return undefined;
  };
}

export async function startFakeJellyseerr() {
  const jellyseerr = new FakeJellyseerr();
  return { jellyseerr, ...(await startFake(jellyseerr.handle)) };
}
