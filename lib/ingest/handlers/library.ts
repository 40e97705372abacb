import "server-only";
import type { RequestRow } from "@/db/schema";
import { lockIdentityKeys } from "@/db/queries/locks";
import { findRequestsByJellyfinItemId, findRequestsByTitleKey, lockRequestsForEpisode } from "@/db/queries/requests";
import { chooseRequest } from "@/lib/domain/correlate";
import { describeEpisodes, titleKey } from "@/lib/domain/describe";
import type { EpisodeRef, LibraryItem, LibraryItemAddedEvent } from "@/lib/domain/events";
import { libraryItemKeys } from "@/lib/domain/park";
import { episodeKey, signalEpisodes, signalOwn } from "@/lib/domain/request-state";
import { requestsAboutMedia, toCandidate } from "../correlate";
import { adoptLocked, loadRequests, record, type ApplyContext } from "../context";

function episodeRefs(item: LibraryItem): EpisodeRef[] {
  if (item.seasonNumber === null || item.episodeNumber === null) return [];
  const last = Math.max(item.episodeNumber, Math.min(item.episodeNumberEnd ?? item.episodeNumber, item.episodeNumber + 200));
  const refs: EpisodeRef[] = [];
  for (let n = item.episodeNumber; n <= last; n += 1) {
    refs.push({ seasonNumber: item.seasonNumber, episodeNumber: n, title: null, airDate: null, tvdbId: null, arrEpisodeId: null });
  }
  return refs;
}

function unique(rows: RequestRow[]): RequestRow[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

/** Resolves true when the item belonged to at least one request. */
async function applyMovie(ctx: ApplyContext, item: LibraryItem, requests: RequestRow[]): Promise<boolean> {
  const targets = await loadRequests(
    ctx,
    requests.filter((r) => r.stage !== "declined" && r.stage !== "removed").map((r) => r.id),
  );
  for (const loaded of targets) {
    signalOwn(loaded.state, "seen_in_library");
    loaded.patch = { ...loaded.patch, jellyfinItemId: item.itemId };
    ctx.outbox.push({ name: "tracker/library.item_seen", payload: { requestId: loaded.row.id } });
    record(ctx, loaded, { event: "library.item_added", message: "The movie is in Jellyfin and ready to watch", data: { itemId: item.itemId } });
  }
  return targets.length > 0;
}

/** Series of the item: the Jellyfin series id seen before, else the series name. */
async function seriesRequests(ctx: ApplyContext, item: LibraryItem): Promise<RequestRow[]> {
  const byId = item.seriesItemId ? await findRequestsByJellyfinItemId({ db: ctx.db, jellyfinItemId: item.seriesItemId }) : [];
  const tv = byId.filter((r) => r.mediaType === "tv");
  if (tv.length > 0 || !item.seriesName) return tv;
  return findRequestsByTitleKey({ db: ctx.db, mediaType: "tv", titleKey: titleKey(item.seriesName) });
}

/** Requests of the item's series that track (or, failing that, requested) the episodes in the file. */
async function seriesTargets(ctx: ApplyContext, item: LibraryItem, refs: EpisodeRef[]): Promise<number[]> {
  const candidates = (await seriesRequests(ctx, item)).filter((r) => r.stage !== "declined" && r.stage !== "removed");
  if (candidates.length === 0 || refs.length === 0) return [];
  const loaded = await loadRequests(
    ctx,
    candidates.map((r) => r.id),
  );
  const tracking = loaded.filter((l) => refs.some((ref) => l.state.episodes.has(episodeKey(ref.seasonNumber, ref.episodeNumber))));
  if (tracking.length > 0) return tracking.map((l) => l.row.id);
  const chosen = chooseRequest(
    candidates.map(toCandidate),
    refs.map((r) => r.seasonNumber),
  );
  return chosen ? [chosen.id] : [];
}

/**
 * `locked`: the item's identity locks, sent just before; the first lookup goes out with them, and the requests it finds
 * come back locked and loaded.
 */
async function applyEpisode(ctx: ApplyContext, item: LibraryItem, locked: Promise<void>): Promise<boolean> {
  const refs = episodeRefs(item);
  const [, found] = await Promise.all([
    locked,
    item.tvdbId !== null && refs.length <= 1 ? lockRequestsForEpisode({ db: ctx.db, tvdbId: item.tvdbId }) : null,
  ]);
  if (found) adoptLocked(ctx, found);
  const byTvdb = found?.rows.map((r) => r.id) ?? [];
  const targets = byTvdb.length > 0 ? byTvdb : await seriesTargets(ctx, item, refs);
  if (targets.length === 0) return applyAnimeMovieAsEpisode(ctx, item);
  for (const loaded of await loadRequests(ctx, targets)) {
    const mine = byTvdb.length > 0 ? [...loaded.state.episodes.values()].filter((e) => e.tvdbId === item.tvdbId) : refs;
    if (mine.length === 0) continue;
    signalEpisodes(loaded.state, mine, "seen_in_library", ctx.now, { jellyfinItemId: item.itemId });
    if (item.seriesItemId && !loaded.row.jellyfinItemId) loaded.patch = { ...loaded.patch, jellyfinItemId: item.seriesItemId };
    ctx.outbox.push({ name: "tracker/library.item_seen", payload: { requestId: loaded.row.id } });
    record(ctx, loaded, {
      event: "library.item_added",
      message: `${describeEpisodes(mine)} ${mine.length > 1 ? "are" : "is"} in Jellyfin and ready to watch`,
      data: { itemId: item.itemId, episodes: mine.map((e) => ({ seasonNumber: e.seasonNumber, episodeNumber: e.episodeNumber })) },
    });
  }
  return true;
}

/** Shokofin can file an anime movie as a series with one episode: match it to an anime movie request by name. */
async function applyAnimeMovieAsEpisode(ctx: ApplyContext, item: LibraryItem): Promise<boolean> {
  const names = [item.seriesName, item.name].filter((n): n is string => !!n);
  for (const name of names) {
    const movies = (await findRequestsByTitleKey({ db: ctx.db, mediaType: "movie", titleKey: titleKey(name) })).filter((r) => r.isAnime);
    if (movies.length > 0) return applyMovie(ctx, item, movies);
  }
  return false;
}

/**
 * Jellyfin added an item: the movie, or exactly the episodes in that file, become available. Resolves false
 * when no request is about it (yet). The item's identity keys are locked first, the same keys a delivery that
 * creates or changes a matching request locks, so the two never miss each other (see lib/ingest/park.ts).
 */
export async function applyLibraryItemAdded(ctx: ApplyContext, e: LibraryItemAddedEvent): Promise<boolean> {
  const { item } = e;
  const locked = lockIdentityKeys({ db: ctx.db, keys: [`jf:${item.seriesItemId ?? item.itemId}`, ...libraryItemKeys(item)] });
  if (item.kind === "movie") {
    // Sent together: the server runs them in order, so the lookup sees what committed before the lock.
    const [, byIds] = await Promise.all([
      locked,
      requestsAboutMedia(ctx, { mediaType: "movie", tmdbId: item.tmdbId, tvdbId: null, imdbId: item.imdbId }),
    ]);
    return byIds.length > 0 ? applyMovie(ctx, item, byIds) : applyAnimeMovieAsEpisode(ctx, item);
  }
  if (item.kind === "series") {
    await locked;
    const byIds = await requestsAboutMedia(ctx, { mediaType: "tv", tmdbId: item.tmdbId, tvdbId: item.tvdbId, imdbId: item.imdbId });
    const rows = unique(
      byIds.length > 0 || !item.name ? byIds : await findRequestsByTitleKey({ db: ctx.db, mediaType: "tv", titleKey: titleKey(item.name) }),
    );
    const targets = await loadRequests(
      ctx,
      rows.map((r) => r.id),
    );
    for (const loaded of targets) {
      loaded.patch = { ...loaded.patch, jellyfinItemId: item.itemId };
    }
    return targets.length > 0;
  }
  return applyEpisode(ctx, item, locked);
}
