import "server-only";
import type { z } from "zod";
import { requestJson, type HttpTarget, type Query } from "../http";
import { jellyseerrRequestPage, jellyseerrStatus, jellyseerrTitle, type JellyseerrRequest, type JellyseerrTitle } from "./schema";

export type JellyseerrConfig = { url: string; apiKey: string; timeoutMs: number };

export type JellyseerrClient = {
  status(): Promise<{ version: string }>;
  /** The most recently modified requests, newest first (one page of `take`). */
  recentRequests(take: number): Promise<JellyseerrRequest[]>;
  /** Title and dates of a movie or series, by its TMDB id. */
  title(mediaType: "movie" | "tv", tmdbId: number): Promise<JellyseerrTitle>;
};

/** Jellyseerr REST API v1 (contracts/jellyseerr-api.md): `X-Api-Key` acts as the admin user. */
export function createJellyseerrClient(config: JellyseerrConfig): JellyseerrClient {
  const target: HttpTarget = { service: "Jellyseerr", baseUrl: `${config.url.replace(/\/+$/, "")}/api/v1`, timeoutMs: config.timeoutMs };
  const headers = { "X-Api-Key": config.apiKey, Accept: "application/json" };
  const get = <T extends z.ZodType>(path: string, query: Query, schema: T) => requestJson(target, { path, query, headers }, schema);
  return {
    status: () => get("/status", {}, jellyseerrStatus),
    async recentRequests(take) {
      const page = await get("/request", { take, skip: 0, filter: "all", sort: "modified", sortDirection: "desc" }, jellyseerrRequestPage);
      return page.results;
    },
    title: (mediaType, tmdbId) => get(`/${mediaType}/${tmdbId}`, {}, jellyseerrTitle),
  };
}
