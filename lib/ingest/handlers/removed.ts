import "server-only";
import type { RequestRow } from "@/db/schema";
import { findRequestsByJellyfinItemId } from "@/db/queries/requests";
import { lockIdentityKeys } from "@/db/queries/locks";
import type { MediaRemovedEvent } from "@/lib/domain/events";
import { episodeKey, removeItems } from "@/lib/domain/request-state";
import { mediaLockKeys, requestsAboutMedia } from "../correlate";
import { loadRequests, record, type ApplyContext } from "../context";

/**
 * A delete upstream ends what it covers: the request (or those of its episodes) moves to `removed`, with who
 * removed it and when. Requests that never tracked the deleted episodes are left alone; an already removed or
 * declined request stays as it is.
 */
export async function applyMediaRemoved(ctx: ApplyContext, e: MediaRemovedEvent): Promise<void> {
  const keys = [...(e.media ? mediaLockKeys(e.media) : []), ...(e.jellyfinItemId ? [`jf:${e.jellyfinItemId}`] : [])];
  await lockIdentityKeys({ db: ctx.db, keys });
  const byMedia = e.media ? await requestsAboutMedia(ctx, e.media) : [];
  const byItem = e.jellyfinItemId ? await findRequestsByJellyfinItemId({ db: ctx.db, jellyfinItemId: e.jellyfinItemId }) : [];
  const rows = new Map<number, RequestRow>([...byMedia, ...byItem].map((r) => [r.id, r]));
  const ids = [...rows.values()].filter((r) => r.stage !== "removed" && r.stage !== "declined").map((r) => r.id);
  for (const loaded of await loadRequests(ctx, ids)) {
    const { state } = loaded;
    const refs = e.episodes?.map((n) => ({ ...n, title: null, airDate: null, tvdbId: null, arrEpisodeId: null })) ?? null;
    if (refs && state.mediaType === "tv" && !refs.some((r) => state.episodes.has(episodeKey(r.seasonNumber, r.episodeNumber)))) continue;
    if (removeItems(state, state.mediaType === "movie" ? null : refs, ctx.now) === 0) continue;
    record(ctx, loaded, { event: "media.removed", message: e.message, data: { by: e.by, episodes: e.episodes?.length ?? null } });
    if (state.stage === "removed") loaded.patch = { ...loaded.patch, removedBy: e.by, removedAt: ctx.now };
  }
}
