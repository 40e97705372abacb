import "server-only";
import type { Db } from "@/db/client";
import type { TimelineRow } from "@/db/schema";
import { listDownloadsForRequests } from "@/db/queries/downloads";
import { listEpisodesForRequests } from "@/db/queries/episodes";
import { listRequestsByIds } from "@/db/queries/live";
import { presentDownload, presentEpisode, presentTimelineEvent } from "@/lib/requests/present";
import { presentPortalRequest } from "@/lib/requests/transfer";
import type { Requester } from "@/lib/auth/aliases";
import type { LiveUpdate } from "./types";

/** An update and who requested its request: the hub uses the owner to scope members; it is never sent. */
export type BuiltUpdate = { update: LiveUpdate; owner: Requester | null };

/**
 * The update events for a batch of timeline rows: three queries for the whole batch, however many rows
 * and requests it holds, so a burst of webhooks costs the same as one.
 */
export async function buildUpdates(db: Db, rows: readonly TimelineRow[]): Promise<BuiltUpdate[]> {
  const ids = [...new Set(rows.map((r) => r.requestId).filter((id): id is number => id !== null))];
  const requestRows = await listRequestsByIds({ db, ids });
  const tvIds = requestRows.filter((r) => r.mediaType === "tv").map((r) => r.id);
  const [downloads, episodes] = await Promise.all([
    listDownloadsForRequests({ db, requestIds: ids }),
    listEpisodesForRequests({ db, requestIds: tvIds }),
  ]);
  const byId = new Map(
    requestRows.map((row) => {
      const own = downloads.filter((d) => d.requestId === row.id);
      return [
        row.id,
        {
          owner: { requestedBy: row.requestedBy, requestedByEmail: row.requestedByEmail },
          request: presentPortalRequest(row, own),
          downloads: own.map(presentDownload),
          episodes: row.mediaType === "tv" ? episodes.filter((e) => e.requestId === row.id).map(presentEpisode) : null,
        },
      ] as const;
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
        episodes: state?.episodes ?? null,
        downloads: state?.downloads ?? null,
      },
    };
  });
}
