import "server-only";
import type { DownloadRow } from "@/db/schema";
import { describeEpisodes } from "@/lib/domain/describe";
import { episodesOfDownload, signalEpisodes, signalOwn } from "@/lib/domain/request-state";
import type { Signal } from "@/lib/domain/transitions";
import { loadRequests, record, type ApplyContext } from "./context";

type Line = { event: string; message: string; data?: Record<string, unknown> };

/**
 * Applies a torrent's signal to what it holds — the movie, or exactly its episodes — in every request that
 * holds it, with one timeline line each. `line` words it from what the torrent holds ("S01E01–E06").
 */
export async function signalDownloadHolders(
  ctx: ApplyContext,
  download: Pick<DownloadRow, "hash" | "requestId">,
  /** Requests the torrent feeds (lockRequestsHoldingDownload), locked and loaded by the caller with its lookups. */
  owners: number[],
  signal: Signal,
  line: (which: string) => Line,
): Promise<void> {
  for (const loaded of await loadRequests(ctx, [...owners, ...(download.requestId ? [download.requestId] : [])])) {
    const { state } = loaded;
    const held = episodesOfDownload(state, download.hash);
    if (state.mediaType === "movie") signalOwn(state, signal);
    else signalEpisodes(state, held, signal, ctx.now);
    const which = held.length > 0 ? describeEpisodes(held) : state.mediaType === "movie" ? "the movie" : "the release";
    const written = line(which);
    // The episodes themselves, so the story can fold lines about neighbouring episodes into one.
    const episodes = held.map((e) => ({ seasonNumber: e.seasonNumber, episodeNumber: e.episodeNumber }));
    record(ctx, loaded, held.length > 0 ? { ...written, data: { ...written.data, episodes } } : written);
  }
}
