import "server-only";
import { z } from "zod";
import { expectOk, httpRequest, requestJson, type HttpCall, type HttpTarget, type Query } from "../http";
import { shokoFile, shokoImportFolder, shokoVersion, type ShokoFile, type ShokoImportFolder } from "./schema";

export type ShokoConfig = { url: string; apiKey: string; timeoutMs: number };

export type ShokoClient = {
  version(): Promise<string>;
  file(fileId: number): Promise<ShokoFile>;
  /** Files whose server path ends with this suffix (case-insensitive, separators normalised by Shoko). */
  filesByPathEnding(suffix: string): Promise<ShokoFile[]>;
  importFolder(id: number): Promise<ShokoImportFolder>;
  /** Forgets a file record; the file on disk stays (`removeFiles=false`): Sonarr/Radarr own the files. */
  deleteFileRecord(fileId: number): Promise<"deleted" | "already_gone">;
};

/** Shoko Server REST API v3 with the `apikey` header (contracts/shoko.md §4). */
export function createShokoClient(config: ShokoConfig): ShokoClient {
  const target: HttpTarget = { service: "Shoko", baseUrl: config.url, timeoutMs: config.timeoutMs };
  const headers = { apikey: config.apiKey, Accept: "application/json" };
  const get = <T extends z.ZodType>(path: string, query: Query, schema: T) => requestJson(target, { path, query, headers }, schema);
  return {
    async version() {
      const answer = await get("/api/v3/Init/Version", {}, shokoVersion);
      return answer.Server?.Version ?? "unknown";
    },
    file: (fileId) => get(`/api/v3/File/${fileId}`, { include: "XRefs" }, shokoFile),
    filesByPathEnding: (suffix) => get("/api/v3/File/PathEndsWith", { path: suffix, includeXRefs: true, limit: 5 }, z.array(shokoFile)),
    importFolder: (id) => get(`/api/v3/ImportFolder/${id}`, {}, shokoImportFolder),
    async deleteFileRecord(fileId) {
      const call: HttpCall = { method: "DELETE", path: `/api/v3/File/${fileId}`, query: { removeFiles: false, removeFolder: false }, headers };
      const answer = await httpRequest(target, call);
      if (answer.status === 404) return "already_gone";
      expectOk(target, call, answer);
      return "deleted";
    },
  };
}
