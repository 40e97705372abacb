import "server-only";
import type { AnimeMatchedEvent, AttentionClearedEvent, AttentionRaisedEvent, AvailabilityConfirmedEvent } from "@/lib/domain/events";
import { describeEpisodes } from "@/lib/domain/describe";
import { raiseAttention } from "@/lib/domain/attention";
import { settle, signalEpisodes, signalOwn } from "@/lib/domain/request-state";
import { loadRequests, record, type ApplyContext } from "../context";

const noRef = { title: null, airDate: null, tvdbId: null, arrEpisodeId: null };

/**
 * A problem found by asking a source of truth. Repeating the current finding, or a generic guess while the
 * upstream's own reason stands, changes nothing and writes nothing (no line, no `updatedAt`).
 */
export async function applyAttentionRaised(ctx: ApplyContext, e: AttentionRaisedEvent): Promise<void> {
  const [loaded] = await loadRequests(ctx, [e.requestId]);
  if (!loaded) return;
  const { after } = settle(loaded.state, ctx.now);
  const next = raiseAttention(loaded.state.attention, { kind: e.kind, reason: e.reason, specific: e.specific ?? false }, after, ctx.now);
  if (!next) return;
  loaded.state.attention = next;
  record(ctx, loaded, { event: "attention.raised", message: e.reason, data: { kind: e.kind } });
}

/** The problem is gone at its source (the queue no longer blocks, the torrent moves again). */
export async function applyAttentionCleared(ctx: ApplyContext, e: AttentionClearedEvent): Promise<void> {
  const [loaded] = await loadRequests(ctx, [e.requestId]);
  if (!loaded?.state.attention || !e.kinds.includes(loaded.state.attention.kind)) return;
  loaded.state.attention = null;
  record(ctx, loaded, { event: "attention.cleared", message: e.message });
}

/** A lookup in Jellyfin found the movie or these episodes playable. */
export async function applyAvailabilityConfirmed(ctx: ApplyContext, e: AvailabilityConfirmedEvent): Promise<void> {
  const [loaded] = await loadRequests(ctx, [e.requestId]);
  if (!loaded) return;
  const { state } = loaded;
  let changed = false;
  if (state.mediaType === "movie") changed = signalOwn(state, "seen_in_library");
  for (const ep of e.episodes) {
    changed = signalEpisodes(state, [{ ...ep, ...noRef }], "seen_in_library", ctx.now, { jellyfinItemId: ep.itemId }) > 0 || changed;
  }
  if (!changed) return;
  const itemId = state.mediaType === "movie" ? e.itemId : (e.seriesItemId ?? loaded.row.jellyfinItemId);
  if (itemId) loaded.patch = { ...loaded.patch, jellyfinItemId: itemId };
  ctx.outbox.push({ name: "tracker/library.item_seen", payload: { requestId: e.requestId } });
  // How it was found ("by tmdb 603") is a fact for the details; the sentence says what it means.
  const what = e.episodes.length > 0 ? `${describeEpisodes(e.episodes)} ${e.episodes.length > 1 ? "are" : "is"}` : "The movie is";
  record(ctx, loaded, {
    event: "library.verified",
    message: `${what} in Jellyfin and ready to watch`,
    data: { itemId: e.itemId, how: e.how, episodes: e.episodes.map((ep) => ({ seasonNumber: ep.seasonNumber, episodeNumber: ep.episodeNumber })) },
  });
}

/** Shoko matched the imported file: the items wait on Shokofin now, and verification can start. */
export async function applyAnimeMatched(ctx: ApplyContext, e: AnimeMatchedEvent): Promise<void> {
  const [loaded] = await loadRequests(ctx, [e.requestId]);
  if (!loaded) return;
  const { state } = loaded;
  // A missed import webhook is proven by the match: the file is in the library folder.
  if (state.mediaType === "movie") signalOwn(state, "imported_anime");
  else
    signalEpisodes(
      state,
      e.episodes.map((ep) => ({ ...ep, ...noRef })),
      "imported_anime",
      ctx.now,
    );
  if (state.attention?.kind === "match_failed") state.attention = null;
  ctx.outbox.push({ name: "tracker/anime.matched", payload: { requestId: e.requestId, episodes: e.episodes, paths: [e.path] } });
  const what = e.episodes.length > 0 ? describeEpisodes(e.episodes) : "the file";
  record(ctx, loaded, {
    event: "anime.matched",
    message: `Shoko matched ${what}; waiting for Shokofin to show it in Jellyfin`,
    data: { fileId: e.fileId, path: e.path, episodes: e.episodes.map((ep) => ({ seasonNumber: ep.seasonNumber, episodeNumber: ep.episodeNumber })) },
  });
}
