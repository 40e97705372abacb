import { z } from "zod";
import { deletionServices } from "@/lib/domain/deletion";

/** The body of `POST /api/requests/{id}/actions`: one action per call. */
export const requestAction = z.discriminatedUnion("action", [
  z
    .object({
      action: z.literal("search"),
      /** First blocklist the release in flight and remove its torrent, so the search finds another one. */
      blocklist: z.boolean().default(false),
    })
    .meta({
      title: "Search again",
      description: "Sonarr EpisodeSearch for the episodes not yet available (SeasonSearch when none are known), Radarr MoviesSearch.",
    }),
  z
    .object({ action: z.literal("check") })
    .meta({ title: "Check now", description: "Queue diagnosis and verification for this request now, thresholds ignored." }),
  z
    .object({ action: z.literal("retry_import") })
    .meta({ title: "Retry import", description: "DownloadedEpisodesScan / DownloadedMoviesScan for each finished download's folder." }),
  z
    .object({ action: z.literal("dismiss"), reason: z.string().trim().min(1).max(500) })
    .meta({ title: "Dismiss", description: "Leaves Active with a reason; History keeps it." }),
  z
    .object({ action: z.literal("done"), reason: z.string().trim().min(1).max(500) })
    .meta({ title: "Mark as done", description: "Marks it available with a reason; History keeps it." }),
  z
    .object({ action: z.literal("remove") })
    .meta({ title: "Remove from tracker", description: "Forgets the request here; nothing upstream changes." }),
  z
    .object({ action: z.literal("report"), message: z.string().trim().min(1).max(1000) })
    .meta({ title: "Report a problem", description: "A note to the admins (any member who can see the request)." }),
  z.object({ action: z.literal("resolve_report"), reportId: z.number().int().positive() }).meta({ title: "Resolve a report" }),
]);
export type RequestAction = z.output<typeof requestAction>;
export type ActionName = RequestAction["action"];

/** What an action did, in words for the page and the caller. */
export const actionResult = z
  .object({
    action: z.string(),
    ok: z.literal(true),
    message: z.string().meta({ description: "What was done, in plain words (also the timeline line)." }),
    checked: z.array(z.string()).optional().meta({ description: "Check now: what was looked at." }),
  })
  .meta({ id: "ActionResult" });
export type ActionResult = z.output<typeof actionResult>;

/** The admin's ticks for "Delete everywhere". */
export const deletionRequest = z
  .object({
    services: z.array(z.enum(deletionServices)).min(1),
    arrScope: z.enum(["series", "seasons"]).default("series"),
    arrDeleteFiles: z.boolean().default(true),
    torrentDeleteFiles: z.boolean().default(true),
  })
  .meta({ id: "DeletionRequest" });

/** Several requests from History at once, with the same ticks. */
export const bulkDeletionRequest = deletionRequest
  .extend({ requestIds: z.array(z.number().int().positive()).min(1).max(200) })
  .meta({ id: "BulkDeletionRequest" });
