import { page, startFake, type FakeRequest, type FakeResponse } from "./server";

/**
 * Sonarr v4 / Radarr v6 API v3 as contracts/sonarr.md §5 and radarr.md §5 describe it: X-Api-Key (or ?apikey),
 * camelCase, nulls omitted, queue paged with a default page of 10, history newest first, `episode` only with
 * includeEpisode. Every answer is checked against the services' OpenAPI schemas by the contract test.
 */
export type FakeEpisode = { seasonNumber: number; episodeNumber: number; tvdbId?: number; title?: string; airDateUtc?: string; monitored?: boolean };
export type QueueItem = {
  downloadId: string;
  title?: string;
  status?: string;
  trackedDownloadStatus?: string;
  trackedDownloadState?: string;
  statusMessages?: { title: string; messages: string[] }[];
  errorMessage?: string;
  episode?: FakeEpisode;
  /** Series or movie id; defaults to the first one known. */
  ownerId?: number;
  size?: number;
  sizeleft?: number;
};
export type HistoryItem = {
  eventType: "grabbed" | "downloadFolderImported" | "downloadFailed";
  downloadId: string;
  sourceTitle?: string;
  importedPath?: string;
  episode?: FakeEpisode;
};
export type FakeMovie = { id: number; title: string; tmdbId: number; tags: number[]; filePath?: string };
export type FakeSeries = { id: number; title: string; tvdbId: number; seriesType: "standard" | "anime" };

// Sonarr's QualitySource says "web", Radarr's "webdl" (their OpenAPI enums differ).
const quality = (kind: "sonarr" | "radarr") => ({
  quality: { id: 3, name: "WEBDL-1080p", source: kind === "sonarr" ? "web" : "webdl", resolution: 1080 },
  revision: { version: 1, real: 0, isRepack: false },
});
const LANGUAGES = [{ id: 1, name: "English" }];

/** Sonarr's ids are 32-bit integers: the demo's large series ids are folded so an episode id always fits. */
function episodeId(ownerId: number, e: FakeEpisode): number {
  return (ownerId % 100_000) * 10_000 + e.seasonNumber * 100 + e.episodeNumber;
}

export class FakeArr {
  movies: FakeMovie[] = [];
  series: FakeSeries[] = [];
  tags: { id: number; label: string }[] = [{ id: 1, label: "anime" }];
  queue: QueueItem[] = [];
  /** Newest first, as the API answers it. */
  history: (HistoryItem & { ownerId: number; date?: string })[] = [];
  /** Sonarr's episode list per series (what `GET /api/v3/episode?seriesId=` answers). */
  episodes: (FakeEpisode & { seriesId: number; filePath?: string })[] = [];
  commands: unknown[] = [];
  /** Every DELETE call, as "METHOD path?query" (and the body for bulk deletes), in order. */
  deletes: string[] = [];
  /** Answer every DELETE with this status (a failing service); null answers normally. */
  failDeletes: number | null = null;
  constructor(
    readonly kind: "sonarr" | "radarr",
    readonly apiKey = "arr-key",
  ) {}

  handle = (req: FakeRequest): FakeResponse | undefined => {
    const key = req.headers["x-api-key"] ?? req.query.get("apikey");
    if (key !== this.apiKey) return { status: 401 };
    const q = req.query;
    const withEpisode = q.get("includeEpisode") === "true";
    if (req.method === "DELETE") return this.handleDelete(req);
    switch (`${req.method} ${req.path}`) {
      case "GET /api/v3/system/status":
        return {
          status: 200,
          body: {
            appName: this.kind === "sonarr" ? "Sonarr" : "Radarr",
            instanceName: this.kind === "sonarr" ? "Sonarr" : "Radarr",
            version: this.kind === "sonarr" ? "4.0.19.2979" : "6.0.3.10276",
            isLinux: true,
          },
        };
      case "GET /api/v3/queue":
        return {
          status: 200,
          body: {
            ...page(
              this.queue.map((r, i) => this.withOwner(this.queueRecord(r, i), q)),
              q,
            ),
            sortKey: "timeleft",
            sortDirection: "ascending",
          },
        };
      case "GET /api/v3/movie":
        return {
          status: 200,
          body: this.movies.filter((m) => !q.has("tmdbId") || m.tmdbId === Number(q.get("tmdbId"))).map((m) => this.movieResource(m)),
        };
      case "GET /api/v3/series":
        return {
          status: 200,
          body: this.series.filter((s) => !q.has("tvdbId") || s.tvdbId === Number(q.get("tvdbId"))).map((s) => ({ ...s, monitored: true })),
        };
      case "GET /api/v3/episode": {
        if (!q.has("seriesId")) return { status: 400, body: "seriesId or episodeIds must be provided" };
        const seriesId = Number(q.get("seriesId"));
        return {
          status: 200,
          body: this.episodes
            .filter((e) => e.seriesId === seriesId)
            .map((e) => this.episodeResource(seriesId, e, q.get("includeEpisodeFile") === "true")),
        };
      }
      case "GET /api/v3/tag":
        return { status: 200, body: this.tags };
      case "GET /api/v3/history/movie":
        return { status: 200, body: this.historyOf(Number(q.get("movieId")), withEpisode) };
      case "GET /api/v3/history/series":
        return { status: 200, body: this.historyOf(Number(q.get("seriesId")), withEpisode) };
      case "GET /api/v3/history": {
        const id = q.get("downloadId")?.toUpperCase();
        const all = this.history.filter((h) => !id || h.downloadId.toUpperCase() === id).map((h, i) => this.historyRecord(h, i, withEpisode));
        return { status: 200, body: { ...page(all, q), sortKey: "date", sortDirection: "descending" } };
      }
      case "POST /api/v3/command": {
        const body = JSON.parse(req.body) as { name: string };
        this.commands.push(body);
        const now = new Date().toISOString();
        return {
          status: 201,
          body: {
            id: this.commands.length,
            name: body.name,
            commandName: body.name,
            priority: "normal",
            status: "queued",
            queued: now,
            trigger: "manual",
            stateChangeTime: now,
            sendUpdatesToClient: true,
            updateScheduledTask: true,
          },
        };
      }
    }
    return undefined;
  };

  /** DELETE /api/v3/series/{id}, /api/v3/movie/{id}, /api/v3/episodefile/bulk, /api/v3/queue/{id}: 200 with no body, 404 when gone. */
  private handleDelete(req: FakeRequest): FakeResponse | undefined {
    const query = [...req.query.entries()].map(([k, v]) => `${k}=${v}`).join("&");
    this.deletes.push(`DELETE ${req.path}${query ? `?${query}` : ""}${req.body ? ` ${req.body}` : ""}`);
    if (this.failDeletes !== null) return { status: this.failDeletes, body: { message: "Internal Server Error" } };
    const id = Number(/\/(\d+)$/.exec(req.path)?.[1]);
    if (this.kind === "sonarr" && req.path.startsWith("/api/v3/series/")) {
      if (!this.series.some((s) => s.id === id)) return { status: 404, body: { message: "NotFound" } };
      this.series = this.series.filter((s) => s.id !== id);
      this.episodes = this.episodes.filter((e) => e.seriesId !== id);
      return { status: 200 };
    }
    if (this.kind === "radarr" && req.path.startsWith("/api/v3/movie/")) {
      if (!this.movies.some((m) => m.id === id)) return { status: 404, body: { message: "NotFound" } };
      this.movies = this.movies.filter((m) => m.id !== id);
      return { status: 200 };
    }
    if (this.kind === "sonarr" && req.path === "/api/v3/episodefile/bulk") {
      const { episodeFileIds } = JSON.parse(req.body) as { episodeFileIds: number[] };
      this.episodes = this.episodes.map((e) => (episodeFileIds.includes(episodeId(e.seriesId, e) + 500_000) ? { ...e, filePath: undefined } : e));
      return { status: 200 };
    }
    if (req.path.startsWith("/api/v3/queue/")) {
      const index = id - 1_487_215_533;
      if (!this.queue[index]) return { status: 404, body: { message: "NotFound" } };
      this.queue = this.queue.filter((_, i) => i !== index);
      return { status: 200 };
    }
    return undefined;
  }

  /** `includeMovie` / `includeSeries`: the queue record carries its MovieResource / SeriesResource. */
  private withOwner(record: ReturnType<FakeArr["queueRecord"]>, q: URLSearchParams) {
    if (this.kind === "radarr" && q.get("includeMovie") === "true") {
      const movie = this.movies.find((m) => m.id === (record as { movieId?: number }).movieId);
      return movie ? { ...record, movie: { ...this.movieResource(movie), year: 2024 } } : record;
    }
    if (this.kind === "sonarr" && q.get("includeSeries") === "true") {
      const series = this.series.find((s) => s.id === (record as { seriesId?: number }).seriesId);
      return series ? { ...record, series: { ...series, year: 2024, monitored: true } } : record;
    }
    return record;
  }

  private historyOf(ownerId: number, withEpisode: boolean) {
    return this.history.filter((h) => h.ownerId === ownerId).map((h, i) => this.historyRecord(h, i, withEpisode));
  }

  private movieResource(m: FakeMovie) {
    const file = m.filePath
      ? {
          movieFile: {
            id: m.id + 50_000,
            movieId: m.id,
            relativePath: m.filePath.split("/").pop(),
            path: m.filePath,
            size: 4_500_000_000,
            quality: quality(this.kind),
            languages: LANGUAGES,
          },
        }
      : {};
    return { id: m.id, title: m.title, tmdbId: m.tmdbId, tags: m.tags, hasFile: Boolean(m.filePath), monitored: true, ...file };
  }

  private episodeResource(seriesId: number, e: FakeEpisode & { filePath?: string }, withFile: boolean) {
    const id = episodeId(seriesId, e);
    const file =
      withFile && e.filePath
        ? {
            episodeFile: {
              id: id + 500_000,
              seriesId,
              seasonNumber: e.seasonNumber,
              relativePath: e.filePath.split("/").pop(),
              path: e.filePath,
              size: 1_439_825_920,
              quality: quality(this.kind),
              languages: LANGUAGES,
            },
          }
        : {};
    const aired = e.airDateUtc ? { airDate: e.airDateUtc.slice(0, 10), airDateUtc: e.airDateUtc } : {};
    return {
      id,
      seriesId,
      tvdbId: e.tvdbId ?? 0,
      episodeFileId: e.filePath ? id + 500_000 : 0,
      seasonNumber: e.seasonNumber,
      episodeNumber: e.episodeNumber,
      title: e.title ?? `Episode ${e.episodeNumber}`,
      ...aired,
      hasFile: Boolean(e.filePath),
      monitored: e.monitored ?? true,
      ...file,
    };
  }

  private historyRecord(h: HistoryItem & { ownerId: number; date?: string }, i: number, withEpisode: boolean) {
    const epId = h.episode ? episodeId(h.ownerId, h.episode) : 5000 + i;
    const owner = this.kind === "sonarr" ? { seriesId: h.ownerId, episodeId: epId } : { movieId: h.ownerId };
    const data: Record<string, string> = { indexer: "Nyaa" };
    if (h.importedPath) data.importedPath = h.importedPath;
    const episode =
      withEpisode && h.episode
        ? {
            episode: {
              id: epId,
              seriesId: h.ownerId,
              title: h.episode.title ?? "Episode",
              tvdbId: h.episode.tvdbId ?? 0,
              seasonNumber: h.episode.seasonNumber,
              episodeNumber: h.episode.episodeNumber,
            },
          }
        : {};
    return {
      id: 9000 + i,
      ...owner,
      sourceTitle: h.sourceTitle ?? "Release",
      languages: LANGUAGES,
      quality: quality(this.kind),
      date: h.date ?? "2025-03-02T20:17:31Z",
      downloadId: h.downloadId,
      eventType: h.eventType,
      data,
      ...episode,
    };
  }

  private queueRecord(r: QueueItem, i: number) {
    const ownerId = r.ownerId ?? (this.kind === "sonarr" ? this.series[0]?.id : this.movies[0]?.id);
    const epId = ownerId !== undefined && r.episode ? episodeId(ownerId, r.episode) : 7000 + i;
    const owner = this.kind === "sonarr" ? { seriesId: ownerId, episodeId: epId, seasonNumber: r.episode?.seasonNumber } : { movieId: ownerId };
    const size = r.size ?? 1439825920;
    return {
      id: 1_487_215_533 + i,
      ...owner,
      languages: LANGUAGES,
      quality: quality(this.kind),
      size,
      title: r.title ?? "Release",
      status: r.status ?? "downloading",
      trackedDownloadStatus: r.trackedDownloadStatus ?? "ok",
      trackedDownloadState: r.trackedDownloadState ?? "downloading",
      statusMessages: r.statusMessages ?? [],
      ...(r.errorMessage ? { errorMessage: r.errorMessage } : {}),
      downloadId: r.downloadId.toUpperCase(),
      protocol: "torrent",
      downloadClient: "qBittorrent",
      sizeleft: r.sizeleft ?? 836763648,
      timeleft: "00:02:43",
    };
  }
}

export async function startFakeArr(kind: "sonarr" | "radarr") {
  const arr = new FakeArr(kind);
  const server = await startFake(arr.handle);
  return { arr, ...server };
}
