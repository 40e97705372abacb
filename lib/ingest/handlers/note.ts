import "server-only";
import type { NoteEvent } from "@/lib/domain/events";
import { findRequestForMedia, requestByJellyseerrId } from "../correlate";
import { loadRequests, record, type ApplyContext } from "../context";

/** A line on the request's timeline (or the house-wide one when it concerns no request). Stages stay. */
export async function applyNote(ctx: ApplyContext, e: NoteEvent): Promise<void> {
  const row =
    (e.jellyseerrRequestId !== null ? await requestByJellyseerrId(ctx, e.jellyseerrRequestId) : null) ??
    (e.media ? await findRequestForMedia(ctx, e.media, []) : null);
  const [loaded] = row ? await loadRequests(ctx, [row.id]) : [];
  if (loaded) {
    record(ctx, loaded, { event: e.event, message: e.message });
    return;
  }
  ctx.timeline.push({ requestId: null, at: ctx.now, source: ctx.source, event: e.event, stage: null, message: e.message });
}
