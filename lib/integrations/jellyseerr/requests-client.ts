import "server-only";
import { expectOk, httpRequest, parseAnswer, requestJson, type HttpCall, type HttpTarget } from "../http";
import { jellyseerrRequest, jellyseerrRequestPage, type JellyseerrRequestRecord } from "./requests-schema";

export type JellyseerrAdminConfig = { url: string; apiKey: string; timeoutMs: number };

/** The Jellyseerr calls of the library import and "Delete everywhere" (reads, request and media deletes). */
export type JellyseerrAdminClient = {
  requestById(requestId: number): Promise<JellyseerrRequestRecord | null>;
  /** One page of every request, oldest first (`sort=added`), for the library import. */
  requestPage(input: { skip: number; take: number }): Promise<{ results: JellyseerrRequestRecord[]; total: number }>;
  /** `DELETE /api/v1/request/{id}`: only the request row (contract: no *arr/Jellyfin side effects). */
  deleteRequest(requestId: number): Promise<"deleted" | "already_gone">;
  /** `DELETE /api/v1/media/{id}`: the media row, so Jellyseerr offers it for request again. */
  deleteMedia(mediaId: number): Promise<"deleted" | "already_gone">;
};

/** Jellyseerr API v1 with `X-Api-Key` (contracts/jellyseerr-api.md "Auth"). */
export function createJellyseerrAdminClient(config: JellyseerrAdminConfig): JellyseerrAdminClient {
  const target: HttpTarget = { service: "Jellyseerr", baseUrl: config.url, timeoutMs: config.timeoutMs };
  const headers = { "X-Api-Key": config.apiKey, Accept: "application/json" };

  async function del(path: string): Promise<"deleted" | "already_gone"> {
    const call: HttpCall = { method: "DELETE", path, headers };
    const answer = await httpRequest(target, call);
    if (answer.status === 404) return "already_gone";
    expectOk(target, call, answer);
    return "deleted";
  }

  return {
    async requestById(requestId) {
      const call: HttpCall = { path: `/api/v1/request/${requestId}`, headers };
      const answer = await httpRequest(target, call);
      if (answer.status === 404) return null;
      return parseAnswer(target, call, expectOk(target, call, answer), jellyseerrRequest);
    },
    async requestPage({ skip, take }) {
      const page = await requestJson(
        target,
        { path: "/api/v1/request", headers, query: { take, skip, filter: "all", sort: "added", sortDirection: "asc" } },
        jellyseerrRequestPage,
      );
      return { results: page.results, total: page.pageInfo.results ?? skip + page.results.length };
    },
    deleteRequest: (requestId) => del(`/api/v1/request/${requestId}`),
    deleteMedia: (mediaId) => del(`/api/v1/media/${mediaId}`),
  };
}
