import { startFake, type FakeRequest, type FakeResponse } from "./server";

/**
 * Jellyseerr API v1 for "Sync library" and "Delete everywhere", as contracts/jellyseerr-api.md describes it: `X-Api-Key`, 403 `{status, error}` without it,
 * `GET /request` paged with take/skip as `{ pageInfo, results }`, `GET /request/{id}` (404 `{message}`),
 * `DELETE /request/{id}` and `DELETE /media/{id}` answering 204 (media deletes cascade to its requests).
 */
export type FakeSeerrRequest = {
  id: number;
  type: "movie" | "tv";
  status?: number;
  createdAt?: string;
  media: { id: number; tmdbId: number; tvdbId?: number; status?: number; jellyfinMediaId?: string };
  requestedBy: { id: number; displayName: string; email?: string };
  seasons?: number[];
};

export class FakeJellyseerrAdmin {
  requests: FakeSeerrRequest[] = [];
  /** Every DELETE, as "DELETE path", in order. */
  deletes: string[] = [];
  /** Media rows Jellyseerr holds: every request's media until a media delete (a request delete leaves it). */
  private media = new Set<number>();
  private removedMedia = new Set<number>();
  constructor(readonly apiKey = "seerr-key") {}

  private resource(r: FakeSeerrRequest) {
    const at = r.createdAt ?? "2025-03-01T10:00:00.000Z";
    const user = {
      id: r.requestedBy.id,
      displayName: r.requestedBy.displayName,
      username: r.requestedBy.displayName,
      email: r.requestedBy.email ?? `${r.requestedBy.displayName.toLowerCase()}@example.com`,
      userType: 3,
      permissions: 32,
      requestCount: 1,
      createdAt: at,
      updatedAt: at,
    };
    const media = {
      id: r.media.id,
      mediaType: r.type,
      tmdbId: r.media.tmdbId,
      tvdbId: r.media.tvdbId ?? null,
      status: r.media.status ?? 3,
      status4k: 1,
      createdAt: at,
      updatedAt: at,
      jellyfinMediaId: r.media.jellyfinMediaId ?? null,
      seasons: [],
    };
    const seasons = (r.seasons ?? []).map((n, i) => ({ id: r.id * 100 + i, seasonNumber: n, status: 2, createdAt: at, updatedAt: at }));
    return {
      id: r.id,
      status: r.status ?? 2,
      createdAt: at,
      updatedAt: at,
      type: r.type,
      is4k: false,
      serverId: 0,
      profileId: 4,
      rootFolder: "/media",
      media,
      requestedBy: user,
      modifiedBy: null,
      seasons,
      isAutoRequest: false,
    };
  }

  handle = (req: FakeRequest): FakeResponse | undefined => {
    for (const r of this.requests) if (!this.removedMedia.has(r.media.id)) this.media.add(r.media.id);
    if (req.headers["x-api-key"] !== this.apiKey)
      return { status: 403, body: { status: 403, error: "You do not have permission to access this endpoint" } };
    if (req.method === "GET" && req.path === "/api/v1/request") {
      const take = Number(req.query.get("take") ?? 10);
      const skip = Number(req.query.get("skip") ?? 0);
      const sorted = [...this.requests].sort((a, b) => (req.query.get("sortDirection") === "asc" ? a.id - b.id : b.id - a.id));
      const results = sorted.slice(skip, skip + take).map((r) => this.resource(r));
      return {
        status: 200,
        body: {
          pageInfo: { pages: Math.ceil(sorted.length / take), pageSize: take, results: sorted.length, page: Math.floor(skip / take) + 1 },
          results,
        },
      };
    }
    const one = /^\/api\/v1\/request\/(\d+)$/.exec(req.path);
    if (one) {
      const found = this.requests.find((r) => r.id === Number(one[1]));
      if (req.method === "DELETE") {
        this.deletes.push(`DELETE ${req.path}`);
        if (!found) return { status: 404, body: { message: "Request not found." } };
        this.requests = this.requests.filter((r) => r !== found);
        return { status: 204 };
      }
      return found ? { status: 200, body: this.resource(found) } : { status: 404, body: { message: "Request not found." } };
    }
    const media = /^\/api\/v1\/media\/(\d+)$/.exec(req.path);
    if (media && req.method === "DELETE") {
      this.deletes.push(`DELETE ${req.path}`);
      const id = Number(media[1]);
      if (!this.media.has(id)) return { status: 404, body: { message: "Media not found" } };
      this.media.delete(id);
      this.removedMedia.add(id);
      this.requests = this.requests.filter((r) => r.media.id !== id);
      return { status: 204 };
    }
    return undefined;
  };
}

export async function startFakeJellyseerrAdmin() {
  const jellyseerr = new FakeJellyseerrAdmin();
  return { jellyseerr, ...(await startFake(jellyseerr.handle)) };
}
