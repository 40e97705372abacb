import "server-only";
import type { DomainEvent } from "@/lib/domain/events";
import type { ApplyContext } from "./context";
import { applyGrab, applyImport, applyImportBlocked } from "./handlers/arr";
import { applyDownloadCompleted } from "./handlers/download";
import { applyLibraryItemAdded } from "./handlers/library";
import { applyNote } from "./handlers/note";
import { applyRequestStatus } from "./handlers/request-status";
import { applyAnimeMatched, applyAttentionCleared, applyAttentionRaised, applyAvailabilityConfirmed } from "./handlers/tracker";
import { applyDownloadProgress } from "./handlers/progress";
import { applyEpisodesListed } from "./handlers/episodes";
import { applyMediaRemoved } from "./handlers/removed";

/** Routes one domain event to the handler that knows what it changes. */
async function route(ctx: ApplyContext, event: DomainEvent): Promise<void> {
  switch (event.type) {
    case "request.status":
      return applyRequestStatus(ctx, event);
    case "release.grabbed":
      return applyGrab(ctx, event);
    case "release.imported":
      return applyImport(ctx, event);
    case "import.blocked":
      return applyImportBlocked(ctx, event);
    case "download.completed":
      return applyDownloadCompleted(ctx, event);
    case "library.item_added":
      return; // see applyEvent
    case "note":
      return applyNote(ctx, event);
    case "download.progress":
      return applyDownloadProgress(ctx, event);
    case "attention.raised":
      return applyAttentionRaised(ctx, event);
    case "attention.cleared":
      return applyAttentionCleared(ctx, event);
    case "availability.confirmed":
      return applyAvailabilityConfirmed(ctx, event);
    case "anime.matched":
      return applyAnimeMatched(ctx, event);
    case "media.removed":
      return applyMediaRemoved(ctx, event);
    case "episodes.listed":
      return applyEpisodesListed(ctx, event);
    case "source.connected":
      return; // recorded with the delivery itself
  }
}

/**
 * Applies one domain event. Resolves false when the event refers to something that does not exist yet (a
 * Jellyfin item before its request): the caller parks it. Every other event finds or creates what it needs.
 */
export async function applyEvent(ctx: ApplyContext, event: DomainEvent): Promise<boolean> {
  if (event.type === "library.item_added") return applyLibraryItemAdded(ctx, event);
  await route(ctx, event);
  return true;
}
