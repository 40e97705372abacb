import "server-only";
import { and, eq } from "drizzle-orm";
import type { ReadScope } from "@/lib/auth/policy";
import type { Db } from "../client";
import { requests } from "../schema";
import { listEpisodesForRequests } from "./episodes";
import { listDownloadsForRequests } from "./downloads";
import { readableBy } from "./request-list";
import { listTimelineForRequest } from "./timeline";

/** One request with everything its detail view and API need; null when missing or not the reader's to see. */
export async function getRequestDetail({ db, id, scope }: { db: Db; id: number; scope: ReadScope | null }) {
  const rows = await db
    .select()
    .from(requests)
    .where(and(eq(requests.id, id), readableBy(scope)))
    .limit(1);
  const request = rows[0];
  if (!request) return null;
  const [episodes, downloads, timeline] = await Promise.all([
    listEpisodesForRequests({ db, requestIds: [id] }),
    listDownloadsForRequests({ db, requestIds: [id] }),
    listTimelineForRequest({ db, requestId: id }),
  ]);
  return { request, episodes, downloads, timeline };
}

export type RequestDetail = NonNullable<Awaited<ReturnType<typeof getRequestDetail>>>;
