import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { requests } from "../schema";
import { listEpisodesForRequests } from "./episodes";
import { listDownloadsForRequests } from "./downloads";
import { listTimelineForRequest } from "./timeline";

/** One request with everything its detail view and API need. */
export async function getRequestDetail({ db, id }: { db: Db; id: number }) {
  const rows = await db.select().from(requests).where(eq(requests.id, id)).limit(1);
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
