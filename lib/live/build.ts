import "server-only";
import type { Db } from "@/db/client";
import type { TimelineRow } from "@/db/schema";
import { listDownloadsForRequests } from "@/db/queries/downloads";
import { listEpisodesChangedSince, listRequestsByIds } from "@/db/queries/live";
import { presentDownload, presentEpisode, presentTimelineEvent } from "@/lib/requests/present";
import { presentPortalRequest } from "@/lib/requests/transfer";
import type { Requester } from "@/lib/auth/aliases";
import type { LiveUpdate } from "./types";

/** An update and who requested its request: the hub uses the owner to scope members; it is never sent. */
export type BuiltUpdate = { update: LiveUpdate; owner: Requester | null };

/** Rows written by the transaction that began at `txAt`, or by a later one (a superset: their current values). */
const changedSince = <T extends { updatedAt: Date }>(rows: readonly T[], txAt: Date) => rows.filter((r) => r.updatedAt.getTime() >= txAt.getTime());

/**
 * The update events for a batch of timeline rows: three queries, sent together, for the whole batch, however many rows
 * and requests it holds, so a burst of webhooks costs the same as one. Each event carries its request's
 * summary and only the episodes and downloads its transaction changed (they share its now() as
 * updated_at): a 1,000-episode series costs what changed, not its whole list.
 */
export async function buildUpdates(db: Db, rows: readonly TimelineRow[]): Promise<BuiltUpdate[]> {
  const ids = [...new Set(rows.map((r) => r.requestId).filter((id): id is number => id !== null))];
  if (ids.length === 0)
    return rows.map((row) => ({
      owner: null,
      update: { seq: row.seq, entry: presentTimelineEvent(row), request: null, episodes: null, downloads: null },
    }));
  const since = new Date(Math.min(...rows.map((r) => r.txAt.getTime())));
  // All three at once, one round trip: a movie has no episodes, so asking for every request's costs nothing.
  const [requestRows, downloads, episodes] = await Promise.all([
    listRequestsByIds({ db, ids }),
    listDownloadsForRequests({ db, requestIds: ids }),
    listEpisodesChangedSince({ db, requestIds: ids, since }),
  ]);
  const byId = new Map(
    requestRows.map((row) => {
      const own = downloads.filter((d) => d.requestId === row.id);
      const state = {
        owner: { requestedBy: row.requestedBy, requestedByEmail: row.requestedByEmail },
        request: presentPortalRequest(row, own),
        downloads: own,
        episodes: row.mediaType === "tv" ? episodes.filter((e) => e.requestId === row.id) : null,
      };
      return [row.id, state] as const;
    }),
  );
  return rows.map((row) => {
    const state = row.requestId === null ? undefined : byId.get(row.requestId);
    return {
      owner: state?.owner ?? null,
      update: {
        seq: row.seq,
        entry: presentTimelineEvent(row),
        request: state?.request ?? null,
        episodes: state?.episodes ? changedSince(state.episodes, row.txAt).map(presentEpisode) : null,
        downloads: state ? changedSince(state.downloads, row.txAt).map(presentDownload) : null,
      },
    };
  });
}
