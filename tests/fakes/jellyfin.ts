import { answerAuthenticateByName, answerUserById, type FakeUser } from "./jellyfin-auth";
import { startFake, type FakeRequest, type FakeResponse } from "./server";

/**
 * Jellyfin 10.11 REST as contracts/jellyfin.md Part B describes it: `Authorization: MediaBrowser … Token="…"`,
 * PascalCase, no provider-id equality filter (only HasTmdbId/HasTvdbId/HasImdbId + SearchTerm), ProviderIds,
 * Path and MediaSources only when asked for in Fields, paging with StartIndex/Limit.
 */
export type FakeItem = {
  Id: string;
  Name: string;
  Type: "Movie" | "Series" | "Episode";
  ProviderIds?: Record<string, string>;
  Path?: string;
  playable?: boolean;
  SeriesId?: string;
  ParentIndexNumber?: number;
  IndexNumber?: number;
};

export class FakeJellyfin {
  items: FakeItem[] = [];
  /** Accounts that can sign in (`POST /Users/AuthenticateByName`), as the household's Jellyfin knows them. */
  users: FakeUser[] = [];
  mediaUpdated: string[] = [];
  refreshes = 0;
  itemLookups = 0;
  /** Every DELETE /Items/{id}, in order. */
  deletes: string[] = [];
  failDeletes: number | null = null;
  /** Lets a test change the library between lookups (an item appearing while we back off). */
  beforeItems: ((lookup: number) => void) | null = null;
  constructor(readonly apiKey = "jf-key") {}

  private dto(item: FakeItem, fields: string[]) {
    const { playable, ProviderIds, Path, ...rest } = item;
    return {
      ...rest,
      ServerId: "f27caa37e5142225cceded48f6553502",
      ...(fields.includes("providerids") ? { ProviderIds: ProviderIds ?? {} } : {}),
      ...(fields.includes("path") && Path ? { Path } : {}),
      ...(fields.includes("mediasources") && playable ? { MediaSources: [{ Id: item.Id, Path: Path ?? "" }] } : {}),
      LocationType: "FileSystem",
    };
  }

  handle = (req: FakeRequest): FakeResponse | undefined => {
    if (req.path === "/System/Info/Public")
      return { status: 200, body: { Version: "10.11.11", ServerName: "jellyfin", ProductName: "Jellyfin Server" } };
    if (req.method === "POST" && req.path.toLowerCase() === "/users/authenticatebyname") {
      let body: unknown = null;
      try {
        body = JSON.parse(req.body);
      } catch {
        body = null;
      }
      return answerAuthenticateByName(this.users, { authorization: req.headers.authorization, contentType: req.headers["content-type"], body });
    }
    if (!(req.headers.authorization ?? "").includes(`Token="${this.apiKey}"`)) return { status: 401 };
    const user = /^\/Users\/([0-9a-f]+)$/i.exec(req.path);
    if (req.method === "GET" && user) return answerUserById(this.users, req.headers.authorization, user[1] ?? "");
    const q = new Map([...req.query.entries()].map(([k, v]) => [k.toLowerCase(), v]));
    const fields = (q.get("fields") ?? "").toLowerCase().split(",");
    if (req.method === "GET" && req.path === "/Items") {
      this.itemLookups += 1;
      this.beforeItems?.(this.itemLookups);
      const types = (q.get("includeitemtypes") ?? "").split(",").filter(Boolean);
      const has = (key: string) => (i: FakeItem) => q.get(`has${key}id`) !== "true" || Boolean(i.ProviderIds?.[key[0]!.toUpperCase() + key.slice(1)]);
      const term = q.get("searchterm")?.toLowerCase();
      const all = this.items
        .filter((i) => types.length === 0 || types.includes(i.Type))
        .filter(has("tmdb"))
        .filter(has("tvdb"))
        .filter(has("imdb"))
        .filter((i) => !term || i.Name.toLowerCase().includes(term));
      const start = Number(q.get("startindex") ?? 0);
      const limit = Number(q.get("limit") ?? all.length);
      return {
        status: 200,
        body: { Items: all.slice(start, start + limit).map((i) => this.dto(i, fields)), TotalRecordCount: all.length, StartIndex: start },
      };
    }
    const shows = /^\/Shows\/([^/]+)\/Episodes$/.exec(req.path);
    if (req.method === "GET" && shows) {
      const eps = this.items.filter((i) => i.Type === "Episode" && i.SeriesId === shows[1]);
      return { status: 200, body: { Items: eps.map((i) => this.dto(i, fields)), TotalRecordCount: eps.length, StartIndex: 0 } };
    }
    const item = /^\/Items\/([^/]+)$/.exec(req.path);
    if (req.method === "DELETE" && item) {
      this.deletes.push(item[1]!);
      if (this.failDeletes !== null) return { status: this.failDeletes, body: "Error processing request." };
      if (!this.items.some((i) => i.Id === item[1])) return { status: 404 };
      this.items = this.items.filter((i) => i.Id !== item[1] && i.SeriesId !== item[1]);
      return { status: 204 };
    }
    if (req.method === "POST" && req.path === "/Library/Media/Updated") {
      const body = JSON.parse(req.body) as { Updates: { Path: string }[] };
      this.mediaUpdated.push(...body.Updates.map((u) => u.Path));
      return { status: 204 };
    }
    if (req.method === "POST" && req.path === "/Library/Refresh") {
      this.refreshes += 1;
      return { status: 204 };
    }
    return undefined;
  };
}

export async function startFakeJellyfin() {
  const jellyfin = new FakeJellyfin();
  return { jellyfin, ...(await startFake(jellyfin.handle)) };
}
