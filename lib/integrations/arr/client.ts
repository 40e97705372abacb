import "server-only";
import { z } from "zod";
import { expectOk, httpRequest, requestJson, type HttpCall, type HttpTarget, type Query } from "../http";
import { arrCommand, arrHistoryPage, arrHistoryRecord, arrQueuePage, arrSystemStatus, type ArrHistoryRecord, type ArrQueueRecord } from "./schema";

export type ArrConfig = { url: string; apiKey: string; timeoutMs: number };

export type ArrBase = {
  status(): Promise<{ version: string }>;
  /** Every queue record, page by page (the API's default page of 10 would silently hide the rest). */
  queue(query?: Query): Promise<ArrQueueRecord[]>;
  /** History records of one download, newest first. */
  historyForDownload(downloadId: string): Promise<ArrHistoryRecord[]>;
  command(body: Record<string, unknown>): Promise<{ id: number; name: string }>;
  /** Removes a queue record (and its torrent), optionally blocklisting the release so it is not grabbed again. */
  removeQueueItem(queueId: number, options: { removeFromClient: boolean; blocklist: boolean }): Promise<DeleteOutcome>;
};

/** A DELETE either removed something or found it already gone (404): both leave the service as wanted. */
export type DeleteOutcome = "deleted" | "already_gone";

const QUEUE_PAGE_SIZE = 200;
const MAX_PAGES = 50;

/** The parts Sonarr and Radarr share: same code base, same API key header, same paging. */
export function createArrBase(service: "Sonarr" | "Radarr", config: ArrConfig) {
  const target: HttpTarget = { service, baseUrl: config.url, timeoutMs: config.timeoutMs };
  const headers = { "X-Api-Key": config.apiKey, Accept: "application/json" };
  const get = <T extends z.ZodType>(path: string, query: Query, schema: T) => requestJson(target, { path, query, headers }, schema);

  async function del(path: string, query: Query, body?: unknown): Promise<DeleteOutcome> {
    const call: HttpCall = {
      method: "DELETE",
      path,
      query,
      headers: body === undefined ? headers : { ...headers, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    };
    const answer = await httpRequest(target, call);
    if (answer.status === 404) return "already_gone";
    expectOk(target, call, answer);
    return "deleted";
  }

  const base: ArrBase = {
    status: () => get("/api/v3/system/status", {}, arrSystemStatus),
    async queue(query = {}) {
      const records: ArrQueueRecord[] = [];
      for (let page = 1; page <= MAX_PAGES; page += 1) {
        const answer = await get("/api/v3/queue", { ...query, page, pageSize: QUEUE_PAGE_SIZE }, arrQueuePage);
        records.push(...answer.records);
        if (answer.records.length === 0 || page * QUEUE_PAGE_SIZE >= answer.totalRecords) break;
      }
      return records;
    },
    async historyForDownload(downloadId) {
      const extra = service === "Sonarr" ? { includeEpisode: true } : {};
      const answer = await get(
        "/api/v3/history",
        { downloadId: downloadId.toUpperCase(), page: 1, pageSize: 250, sortKey: "date", sortDirection: "descending", ...extra },
        arrHistoryPage,
      );
      return answer.records;
    },
    async command(body) {
      const call: HttpCall = {
        method: "POST",
        path: "/api/v3/command",
        headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      };
      return requestJson(target, call, arrCommand);
    },
    removeQueueItem: (queueId, { removeFromClient, blocklist }) =>
      del(`/api/v3/queue/${queueId}`, { removeFromClient, blocklist, skipRedownload: false, changeCategory: false }),
  };
  return { base, get, del };
}

export const arrHistoryList = z.array(arrHistoryRecord);
