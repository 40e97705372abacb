import "server-only";
import { lockIdentityKeys } from "@/db/queries/locks";
import { signalOwn } from "@/lib/domain/request-state";
import { titleKey } from "@/lib/domain/describe";
import type { RequestStatus, RequestStatusEvent } from "@/lib/domain/events";
import type { Signal } from "@/lib/domain/transitions";
import { createRequest, findRequestForMedia, mediaLockKeys, mediaPatch, requestByJellyseerrId } from "../correlate";
import { loadRequests, record, type ApplyContext } from "../context";

const signalOf: Record<Exclude<RequestStatus, "available_reported">, Signal> = {
  requested: "requested",
  approved: "approved",
  declined: "declined",
  failed: "failed",
};

function message(e: RequestStatusEvent): string {
  const who = e.requestedBy ?? "Someone";
  const seasons = e.seasons.length > 0 ? ` (season${e.seasons.length > 1 ? "s" : ""} ${e.seasons.join(", ")})` : "";
  switch (e.status) {
    case "requested":
      return `${who} requested it${seasons}; waiting for approval`;
    case "approved":
      return `Request approved${seasons}`;
    case "declined":
      return "Request declined in Jellyseerr";
    case "failed":
      return "Jellyseerr could not hand the request to Sonarr/Radarr";
    case "available_reported":
      return "Jellyseerr reports it as available";
  }
}

/** Jellyseerr request lifecycle: find by request id, else adopt a request Sonarr/Radarr created, else create. */
export async function applyRequestStatus(ctx: ApplyContext, e: RequestStatusEvent): Promise<void> {
  // Sent together; the server runs them in order, so the lookups see what committed before the lock.
  const [, byId, adoptable] = await Promise.all([
    lockIdentityKeys({ db: ctx.db, keys: [`jsr:${e.jellyseerrRequestId}`, ...mediaLockKeys(e.media)] }),
    requestByJellyseerrId(ctx, e.jellyseerrRequestId),
    findRequestForMedia(ctx, e.media, e.seasons, { onlyWithoutJellyseerrId: true }),
  ]);
  let row = byId ?? adoptable;
  if (!row) {
    const ownStage = e.status === "available_reported" ? "approved" : e.status;
    row = await createRequest(ctx, { source: "jellyseerr", media: e.media, ownStage, seasons: e.seasons });
  }

  const [loaded] = await loadRequests(ctx, [row.id]);
  if (!loaded) return;
  const { state } = loaded;
  loaded.patch = {
    ...loaded.patch,
    ...mediaPatch(loaded.row, e.media),
    jellyseerrRequestId: e.jellyseerrRequestId,
    requestedBy: e.requestedBy ?? loaded.row.requestedBy,
    requestedByEmail: e.requestedByEmail ?? loaded.row.requestedByEmail,
    is4k: e.is4k || loaded.row.is4k,
  };
  // Jellyseerr's title ("Name (Year)") is the household's own wording: it wins over a placeholder or an *arr title.
  if (e.media.title && loaded.row.source !== "jellyseerr") {
    loaded.patch.title = e.media.title;
    loaded.patch.titleKey = titleKey(e.media.title);
  }
  // Its year too, so the request reads the same whichever service's webhook arrived first.
  if (e.media.year !== null && loaded.row.source !== "jellyseerr") loaded.patch.year = e.media.year;
  if (e.media.posterUrl) loaded.patch.posterUrl = e.media.posterUrl;
  if (e.seasons.length > 0) {
    state.requestedSeasons = [...new Set([...state.requestedSeasons, ...e.seasons])].sort((a, b) => a - b);
  }

  if (e.status !== "available_reported") signalOwn(state, signalOf[e.status]);
  // An approved series: Sonarr's episode list makes every requested episode known (outbox → list-episodes).
  if (state.mediaType === "tv" && e.status === "approved") ctx.outbox.push({ name: "tracker/episodes.requested", payload: { requestId: row.id } });
  record(ctx, loaded, { event: `request.${e.status}`, message: message(e) });
}
