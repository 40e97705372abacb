import { page, startFake, type FakeRequest, type FakeResponse } from "./server";

/**
 * Sonarr/Radarr API v3 as contracts/sonarr.md §5 and radarr.md §5 describe it: X-Api-Key (or ?apikey),
 * camelCase, queue paged with a default page of 10, history newest first, `episode` only with includeEpisode.
 */
export type FakeEpisode = { seasonNumber: number; episodeNumber: number; tvdbId?: number; title?: string };
export type QueueItem = {
  downloadId: string;
  title?: string;
  status?: string;
  trackedDownloadStatus?: string;
  trackedDownloadState?: string;
  statusMessages?: { title: string; messages: string[] }[];
  errorMessage?: string;
  episode?: FakeEpisode;
};
export type HistoryItem = { eventType: "grabbed" | "downloadFolderImported" | "downloadFailed"; downloadId: string; sourceTitle?: string; importedPath?: string; episode?: FakeEpisode };

export class FakeArr {
  movies: { id: number; title: string; tmdbId: number; tags: number[] }[] = [];
  series: { id: number; title: string; tvdbId: number; seriesType: "standard" | "anime" }[] = [];
  tags: { id: number; label: string }[] = [{ id: 1, label: "anime" }];
  queue: QueueItem[] = [];
  history: (HistoryItem & { ownerId: number })[] = [];
  commands: unknown[] = [];
  constructor(readonly kind: "sonarr" | "radarr", readonly apiKey = "arr-key") {}

  handle = (req: FakeRequest): FakeResponse | undefined => {
    const key = req.headers["x-api-key"] ?? req.query.get("apikey");
    if (key !== this.apiKey) return { status: 401 };
    const q = req.query;
    const withEpisode = q.get("includeEpisode") === "true";
    switch (`${req.method} ${req.path}`) {
      case "GET /api/v3/system/status":
        return { status: 200, body: { appName: this.kind === "sonarr" ? "Sonarr" : "Radarr", version: this.kind === "sonarr" ? "4.0.19.2979" : "6.0.3.10276" } };
      case "GET /api/v3/queue":
        return { status: 200, body: { ...page(this.queue.map((r, i) => this.queueRecord(r, i)), q), sortKey: "timeleft", sortDirection: "ascending" } };
      case "GET /api/v3/movie":
        return { status: 200, body: this.movies.filter((m) => !q.has("tmdbId") || m.tmdbId === Number(q.get("tmdbId"))).map((m) => ({ ...m, hasFile: false, monitored: true })) };
      case "GET /api/v3/series":
        return { status: 200, body: this.series.filter((s) => !q.has("tvdbId") || s.tvdbId === Number(q.get("tvdbId"))) };
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
      case "POST /api/v3/command":
        this.commands.push(JSON.parse(req.body));
        return { status: 201, body: { id: this.commands.length, name: (JSON.parse(req.body) as { name: string }).name, status: "queued" } };
    }
    return undefined;
  };

  private historyOf(ownerId: number, withEpisode: boolean) {
    return this.history.filter((h) => h.ownerId === ownerId).map((h, i) => this.historyRecord(h, i, withEpisode));
  }

  private historyRecord(h: HistoryItem & { ownerId: number }, i: number, withEpisode: boolean) {
    const owner = this.kind === "sonarr" ? { seriesId: h.ownerId, episodeId: 5000 + i } : { movieId: h.ownerId };
    const data: Record<string, string> = { indexer: "Nyaa" };
    if (h.importedPath) data.importedPath = h.importedPath;
    const episode = withEpisode && h.episode ? { episode: { id: 5000 + i, title: h.episode.title ?? "Episode", tvdbId: h.episode.tvdbId ?? 0, ...h.episode } } : {};
    return { id: 9000 + i, ...owner, sourceTitle: h.sourceTitle ?? "Release", date: "2025-03-02T20:17:31Z", downloadId: h.downloadId, eventType: h.eventType, data, ...episode };
  }

  private queueRecord(r: QueueItem, i: number) {
    const owner = this.kind === "sonarr" ? { seriesId: this.series[0]?.id, episodeId: 7000 + i, seasonNumber: r.episode?.seasonNumber } : { movieId: this.movies[0]?.id };
    return {
      id: 1_487_215_533 + i,
      ...owner,
      title: r.title ?? "Release",
      status: r.status ?? "downloading",
      trackedDownloadStatus: r.trackedDownloadStatus ?? "ok",
      trackedDownloadState: r.trackedDownloadState ?? "downloading",
      statusMessages: r.statusMessages ?? [],
      ...(r.errorMessage ? { errorMessage: r.errorMessage } : {}),
      downloadId: r.downloadId.toUpperCase(),
      protocol: "torrent",
      size: 1439825920,
      sizeleft: 836763648,
      timeleft: "00:02:43",
    };
  }
}

export async function startFakeArr(kind: "sonarr" | "radarr") {
  const arr = new FakeArr(kind);
  const server = await startFake(arr.handle);
  return { arr, ...server };
}
