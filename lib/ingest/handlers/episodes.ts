import "server-only";
import type { EpisodesListedEvent } from "@/lib/domain/events";
import { takeEpisodeList } from "@/lib/domain/request-state";
import { loadRequests, record, type ApplyContext } from "../context";

function summary(stages: string[]): string {
  const count = (s: string) => stages.filter((x) => x === s).length;
  const parts = [
    count("searching") > 0 ? `${count("searching")} aired and searched for` : null,
    count("not_aired") > 0 ? `${count("not_aired")} not aired yet` : null,
    count("unmonitored") > 0 ? `${count("unmonitored")} not monitored` : null,
  ].filter(Boolean);
  return `Sonarr lists ${stages.length} new episode${stages.length === 1 ? "" : "s"}${parts.length > 0 ? `: ${parts.join(", ")}` : ""}`;
}

/**
 * Sonarr's episode list for a tv request: every requested episode becomes a row, new ones join, and those not
 * grabbed yet follow their air date and monitored flag. A re-read that changes nothing writes nothing.
 */
export async function applyEpisodesListed(ctx: ApplyContext, e: EpisodesListedEvent): Promise<void> {
  const [loaded] = await loadRequests(ctx, [e.requestId]);
  if (loaded?.state.mediaType !== "tv" || loaded.row.stage === "removed" || loaded.row.stage === "declined") return;
  const { state } = loaded;
  const before = new Set(state.episodes.keys());
  const firstList = !state.listKnown;
  const changed = takeEpisodeList(state, e.episodes, ctx.now);
  if (firstList) loaded.patch = { ...loaded.patch, episodesListedAt: ctx.now };
  if (changed === 0 && !firstList) return;
  const added = [...state.episodes.entries()].filter(([k]) => !before.has(k)).map(([, ep]) => ep.stage);
  const message = added.length > 0 ? summary(added) : "Sonarr's episode list changed what is still to come";
  record(ctx, loaded, { event: "episodes.listed", message, data: { added: added.length, changed } });
}
