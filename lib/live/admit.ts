import "server-only";
import { liveFilter } from "@/lib/auth/policy";
import { requireStreamViewer } from "@/lib/auth/request-viewer";
import { env } from "@/lib/env";
import type { LiveClient } from "./hub";
import { parseLastEventId } from "./sse";

/** What a new live stream is opened with: who may see what, where to resume, and the session it runs under. */
export type Admission = { accepts: LiveClient["accepts"]; afterSeq: number | null; session: string };

/**
 * The one session check of a live connection (the stream then stays open without asking again, until the hub's
 * session sweep finds the session ended). Throws AppError("unauthorized") without a live session.
 */
export async function admitLiveClient(request: Pick<Request, "headers">, url: URL): Promise<Admission> {
  const { viewer, sid } = await requireStreamViewer(request);
  return {
    accepts: liveFilter(viewer, env().MEMBERS_SEE) ?? undefined,
    afterSeq: parseLastEventId(request.headers, url),
    session: sid,
  };
}
