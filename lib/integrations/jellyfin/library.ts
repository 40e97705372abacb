import "server-only";
import { titleKey } from "@/lib/domain/describe";
import { expectOk, httpRequest, parseAnswer, requestJson, type HttpCall, type HttpTarget, type Query } from "../http";
import { jellyfinItemPage, jellyfinPublicInfo, jellyfinUserPolicy, providerId, type JellyfinItem } from "./library-schema";

export type JellyfinLibraryConfig = { url: string; apiKey: string; timeoutMs: number };

export type JellyfinLibrary = {
  publicInfo(): Promise<{ version: string }>;
  /** The movie whose Tmdb (or Imdb) provider id is exactly this one. */
  findMovie(ids: { tmdbId: number | null; imdbId: string | null; title: string | null }): Promise<JellyfinItem | null>;
  /** The series by Tvdb/Tmdb provider id, else (Shokofin sets no Tvdb) by exact title. */
  findSeries(ids: { tvdbId: number | null; tmdbId: number | null; title: string | null }): Promise<JellyfinItem | null>;
  episodes(seriesId: string): Promise<JellyfinItem[]>;
  /** Targeted rescan of imported paths (debounced by Jellyfin's LibraryMonitorDelay). */
  reportCreated(paths: readonly string[]): Promise<void>;
  /** Full library scan: cancels a running scan and queues a new one. Last resort only. */
  refreshAll(): Promise<void>;
  /** `DELETE /Items/{id}`: Jellyfin deletes the item and its files; a 404 means it is already gone. */
  deleteItem(itemId: string): Promise<"deleted" | "already_gone">;
  /** One page of the whole library (movies and series, or episodes), for the library import. */
  libraryPage(input: { types: "Movie,Series" | "Episode"; startIndex: number; limit: number }): Promise<{ items: JellyfinItem[]; total: number }>;
  /** A user's administrator and disabled flags as Jellyfin has them now; null when the user is gone. */
  userPolicy(userId: string): Promise<{ isAdministrator: boolean; isDisabled: boolean } | null>;
};

const FIELDS = "ProviderIds,Path,MediaSources";
const PAGE = 500;
const MAX_PAGES = 40;

/**
 * Jellyfin 10.11 REST API (contracts/jellyfin.md Part B). There is no provider-id equality filter, so
 * lookups list items that have the id kind and match the value exactly here.
 */
export function createJellyfinLibrary(config: JellyfinLibraryConfig): JellyfinLibrary {
  const target: HttpTarget = { service: "Jellyfin", baseUrl: config.url, timeoutMs: config.timeoutMs };
  const headers = {
    Authorization: `MediaBrowser Client="Status Tracker", Device="server", DeviceId="status-tracker", Version="1", Token="${config.apiKey}"`,
    Accept: "application/json",
  };

  async function listItems(query: Query, match: (item: JellyfinItem) => boolean): Promise<JellyfinItem | null> {
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const answer = await requestJson(
        target,
        {
          path: "/Items",
          headers,
          query: { Recursive: true, Fields: FIELDS, EnableImages: false, EnableUserData: false, ...query, StartIndex: page * PAGE, Limit: PAGE },
        },
        jellyfinItemPage,
      );
      const hit = answer.Items.find(match);
      if (hit) return hit;
      if (answer.Items.length < PAGE) return null;
    }
    return null;
  }

  async function post(path: string, body?: unknown): Promise<void> {
    const call: HttpCall = {
      method: "POST",
      path,
      headers: { ...headers, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    };
    expectOk(target, call, await httpRequest(target, call));
  }

  return {
    async publicInfo() {
      const info = await requestJson(target, { path: "/System/Info/Public", headers }, jellyfinPublicInfo);
      return { version: info.Version };
    },
    async findMovie({ tmdbId, imdbId, title }) {
      if (tmdbId !== null) {
        const hit = await listItems({ IncludeItemTypes: "Movie", HasTmdbId: true }, (i) => providerId(i, "Tmdb") === String(tmdbId));
        if (hit) return hit;
      }
      if (imdbId !== null) {
        const hit = await listItems({ IncludeItemTypes: "Movie", HasImdbId: true }, (i) => providerId(i, "Imdb") === imdbId);
        if (hit) return hit;
      }
      if (title === null) return null;
      // Shokofin may file an anime movie under its AniDB title without a Tmdb id.
      return listItems({ IncludeItemTypes: "Movie,Series", SearchTerm: title }, (i) => titleKey(i.Name ?? "") === titleKey(title));
    },
    async findSeries({ tvdbId, tmdbId, title }) {
      if (tvdbId !== null) {
        const hit = await listItems({ IncludeItemTypes: "Series", HasTvdbId: true }, (i) => providerId(i, "Tvdb") === String(tvdbId));
        if (hit) return hit;
      }
      if (tmdbId !== null) {
        const hit = await listItems({ IncludeItemTypes: "Series", HasTmdbId: true }, (i) => providerId(i, "Tmdb") === String(tmdbId));
        if (hit) return hit;
      }
      if (title === null) return null;
      return listItems({ IncludeItemTypes: "Series", SearchTerm: title }, (i) => titleKey(i.Name ?? "") === titleKey(title));
    },
    async episodes(seriesId) {
      const answer = await requestJson(
        target,
        { path: `/Shows/${encodeURIComponent(seriesId)}/Episodes`, headers, query: { fields: FIELDS, isMissing: false, enableImages: false } },
        jellyfinItemPage,
      );
      return answer.Items;
    },
    async reportCreated(paths) {
      if (paths.length === 0) return;
      await post("/Library/Media/Updated", { Updates: paths.map((Path) => ({ Path, UpdateType: "Created" })) });
    },
    refreshAll: () => post("/Library/Refresh"),
    async deleteItem(itemId) {
      const call: HttpCall = { method: "DELETE", path: `/Items/${encodeURIComponent(itemId)}`, headers };
      const answer = await httpRequest(target, call);
      if (answer.status === 404) return "already_gone";
      expectOk(target, call, answer);
      return "deleted";
    },
    async libraryPage({ types, startIndex, limit }) {
      const answer = await requestJson(
        target,
        {
          path: "/Items",
          headers,
          query: {
            Recursive: true,
            IncludeItemTypes: types,
            Fields: `${FIELDS},PremiereDate`,
            EnableUserData: false,
            SortBy: "SortName",
            StartIndex: startIndex,
            Limit: limit,
          },
        },
        jellyfinItemPage,
      );
      return { items: answer.Items, total: answer.TotalRecordCount ?? startIndex + answer.Items.length };
    },
    async userPolicy(userId) {
      const call: HttpCall = { path: `/Users/${encodeURIComponent(userId)}`, headers };
      const answer = await httpRequest(target, call);
      if (answer.status === 404) return null;
      const { Policy } = parseAnswer(target, call, expectOk(target, call, answer), jellyfinUserPolicy);
      return { isAdministrator: Policy?.IsAdministrator === true, isDisabled: Policy?.IsDisabled === true };
    },
  };
}
