import "server-only";
import type { Db } from "@/db/client";
import { findRequestsByJellyseerrIds } from "@/db/queries/requests";
import type { RequestStatusEvent } from "@/lib/domain/events";
import { nextStage } from "@/lib/domain/transitions";
import { applyTrackerEvents } from "@/lib/ingest/tracker";
import type { Clients } from "@/lib/integrations/clients";
import { requestFromApi } from "@/lib/integrations/jellyseerr/map";

/** How many of Jellyseerr's most recently modified requests each sweep reads. */
const RECENT = 50;
/** An unknown request older than this is history, not a lost webhook: it is not created. */
const WINDOW_MS = 7 * 86_400_000;

/**
 * Missed Jellyseerr webhooks: reads the recent requests and applies only what a lost delivery would have
 * changed — a request the tracker does not know (created, titled from Jellyseerr's details), or a status that
 * moves a known one on. Calls happen before the one short write; a repeat finds nothing new and writes nothing.
 */
export async function recoverJellyseerrRequests({ db, clients, now }: { db: Db; clients: Clients; now: Date }): Promise<number> {
  const jellyseerr = clients.jellyseerr;
  if (!jellyseerr) return 0;
  const recent = await jellyseerr.recentRequests(RECENT);
  const known = new Map((await findRequestsByJellyseerrIds({ db, ids: recent.map((r) => r.id) })).map((r) => [r.jellyseerrRequestId, r]));
  const events: RequestStatusEvent[] = [];
  for (const r of recent) {
    const row = known.get(r.id);
    const event = requestFromApi(r, null);
    if (!event || event.status === "available_reported") continue;
    if (row) {
      if (nextStage(row.ownStage, event.status) !== null) events.push(event);
      continue;
    }
    if (r.status === 5 || now.getTime() - Date.parse(r.updatedAt) > WINDOW_MS) continue;
    const details = await jellyseerr.title(r.type, r.media.tmdbId).catch(() => null);
    const named = requestFromApi(r, details);
    if (named) events.push(named);
  }
  if (events.length === 0) return 0;
  await applyTrackerEvents({ db, source: "jellyseerr", now, events });
  return events.length;
}
