import "server-only";
import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { ReadScope } from "@/lib/auth/policy";
import type { MediaType } from "@/lib/domain/events";
import type { Stage } from "@/lib/domain/stages";
import type { Db } from "../client";
import { requests, type DownloadRow, type RequestRow } from "../schema";
import { listDownloadsForRequests } from "./downloads";

export type RequestFilters = {
  stages?: Stage[];
  mediaType?: MediaType;
  /** Case-insensitive part of the title. */
  q?: string;
  /** Exact requester name, any case. */
  requestedBy?: string;
  /** Only requests whose requester name or e-mail is one of these lower-case values (the "mine" filter). */
  requesterAnyOf?: readonly string[];
};

export type ListCursor = { updatedAt: string; id: number };

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt, cursor.id])).toString("base64url");
}

export function decodeCursor(value: string): ListCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || typeof parsed[0] !== "string" || !Number.isInteger(parsed[1])) return null;
    if (Number.isNaN(Date.parse(parsed[0]))) return null;
    return { updatedAt: parsed[0], id: parsed[1] as number };
  } catch {
    return null;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Requests whose requester name or e-mail is one of `names` (lower-case), as the alias rules match them. */
export function requestedByAnyOf(names: readonly string[]): SQL {
  if (names.length === 0) return sql`false`;
  const byName = inArray(sql`lower(${requests.requestedBy})`, [...names]);
  const byEmail = inArray(sql`lower(${requests.requestedByEmail})`, [...names]);
  return or(byName, byEmail) ?? sql`false`;
}

/** The rows a reader may see: none without a scope, all for the household, else their own requests. */
export function readableBy(scope: ReadScope | null | undefined): SQL | undefined {
  if (!scope) return sql`false`;
  return scope.all ? undefined : requestedByAnyOf(scope.requesters);
}

function whereOf(scope: ReadScope | null, filters: RequestFilters, cursor: ListCursor | null): SQL | undefined {
  const parts: SQL[] = [];
  const readable = readableBy(scope);
  if (readable) parts.push(readable);
  if (filters.stages && filters.stages.length > 0) parts.push(inArray(requests.stage, filters.stages));
  if (filters.mediaType) parts.push(eq(requests.mediaType, filters.mediaType));
  if (filters.q) parts.push(sql`${requests.title} ilike ${`%${escapeLike(filters.q)}%`}`);
  if (filters.requestedBy) parts.push(sql`lower(${requests.requestedBy}) = lower(${filters.requestedBy})`);
  if (filters.requesterAnyOf) parts.push(requestedByAnyOf(filters.requesterAnyOf));
  if (cursor) parts.push(sql`(${requests.updatedAt}, ${requests.id}) < (${cursor.updatedAt}::timestamptz, ${cursor.id})`);
  return parts.length > 0 ? and(...parts) : undefined;
}

export type RequestListRow = RequestRow & { downloads: DownloadRow[] };

/** A page of the requests `scope` may see, most recently updated first, with each one's downloads for progress. */
export async function listRequests({
  db,
  scope,
  filters,
  cursor,
  limit,
}: {
  db: Db;
  scope: ReadScope | null;
  filters: RequestFilters;
  cursor: ListCursor | null;
  limit: number;
}): Promise<{ items: RequestListRow[]; nextCursor: string | null }> {
  const rows = await db
    .select({
      request: requests,
      // Full microsecond precision, so a cursor never skips rows updated in the same millisecond.
      updatedAtExact: sql<string>`to_char(${requests.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(requests)
    .where(whereOf(scope, filters, cursor))
    .orderBy(desc(requests.updatedAt), desc(requests.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor({ updatedAt: last.updatedAtExact, id: last.request.id }) : null;
  const downloads = await listDownloadsForRequests({ db, requestIds: page.map((r) => r.request.id) });
  return {
    items: page.map((r) => ({ ...r.request, downloads: downloads.filter((d) => d.requestId === r.request.id) })),
    nextCursor,
  };
}
