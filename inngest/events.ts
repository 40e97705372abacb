import { eventType } from "inngest";
import { z } from "zod";

const episode = z.object({ seasonNumber: z.number().int(), episodeNumber: z.number().int() });

/** Written by ingest when Sonarr/Radarr imported files (outbox → Inngest). */
export const importCompleted = eventType("tracker/import.completed", {
  schema: z.object({
    requestId: z.number().int(),
    mediaType: z.enum(["movie", "tv"]),
    isAnime: z.boolean(),
    paths: z.array(z.string()),
    episodes: z.array(episode),
  }),
});

/** Shoko matched an imported anime file; Shokofin can now show it. */
export const animeMatched = eventType("tracker/anime.matched", {
  schema: z.object({ requestId: z.number().int(), episodes: z.array(episode), paths: z.array(z.string()) }),
});

/** The sweep hands an item that is still missing from Jellyfin to verification. */
export const verifyRequested = eventType("tracker/verify.requested", { schema: z.object({ requestId: z.number().int() }) });

/** Jellyfin showed (some of) the request's items: what verify-availability waits for. */
export const librarySeen = eventType("tracker/library.item_seen", { schema: z.object({ requestId: z.number().int() }) });

/** The admin "run the sweep now" button. */
export const sweepRequested = eventType("tracker/sweep.requested", { schema: z.object({ by: z.string() }) });

/** A Shoko hub event, relayed through the outbox so matching is retried durably. */
export const shokoFileEvent = eventType("shoko/file.event", {
  schema: z.object({ target: z.string(), payload: z.record(z.string(), z.unknown()) }),
});

/** A notification message is due (written to the outbox with the message's due time): the `notify` function sends it. */
export const notifyDue = eventType("tracker/notify.due", { schema: z.object({ messageId: z.number().int() }) });
