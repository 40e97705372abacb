import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { requests } from "@/db/schema";
import { applyTrackerEvents } from "@/lib/ingest/tracker";
import type { Clients } from "@/lib/integrations/clients";
import { listedEpisodes } from "@/lib/integrations/sonarr/map";

export type ListOutcome = { status: "listed" | "unknown"; detail: string };

/**
 * Reads Sonarr's series and episode list for a tv request and applies it (every requested episode a row).
 * Read, then the calls to Sonarr outside any transaction, then one short transaction to write: a slow Sonarr
 * never holds a database lock. Applying the same list again changes nothing.
 */
export async function listRequestEpisodes(input: { db: Db; clients: Clients; requestId: number; now?: Date }): Promise<ListOutcome> {
  const { db, clients, requestId } = input;
  const [row] = await db.select().from(requests).where(eq(requests.id, requestId));
  if (row?.mediaType !== "tv") return { status: "unknown", detail: "not a tv request" };
  if (!clients.sonarr) return { status: "unknown", detail: "Sonarr is not configured" };
  if (row.tvdbId === null) return { status: "unknown", detail: "the request has no TVDB id" };
  const series = await clients.sonarr.seriesByTvdbId(row.tvdbId);
  if (!series) return { status: "unknown", detail: `Sonarr does not have tvdb ${row.tvdbId}` };
  const episodes = listedEpisodes(await clients.sonarr.episodes(series.id));
  await applyTrackerEvents({ db, source: "sonarr", now: input.now, events: [{ type: "episodes.listed", requestId, episodes }] });
  return { status: "listed", detail: `${episodes.length} episodes in Sonarr's list` };
}
