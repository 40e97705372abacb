import { z } from "zod";
import { attentionKinds } from "@/lib/domain/attention";
import { sources } from "@/lib/domain/events";
import { stages } from "@/lib/domain/stages";
import { downloadStatuses } from "@/db/schema";

/** The read API's answers (lib/requests/present.ts), described for the OpenAPI document and checked against live answers. */
const stage = z.enum(stages).meta({ id: "Stage" });
const iso = z.iso.datetime({ offset: true });
const stageMap = z.partialRecord(z.enum(stages), z.number().int());

export const requestSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    year: z.number().int().nullable(),
    mediaType: z.enum(["movie", "tv"]),
    stage,
    isAnime: z.boolean(),
    is4k: z.boolean(),
    tmdbId: z.number().int().nullable(),
    tvdbId: z.number().int().nullable(),
    imdbId: z.string().nullable(),
    jellyseerrRequestId: z.number().int().nullable(),
    source: z.enum(sources),
    requestedBy: z.string().nullable(),
    requestedSeasons: z.array(z.number().int()),
    posterUrl: z.string().nullable(),
    quality: z.string().nullable(),
    indexer: z.string().nullable(),
    progress: z.number().min(0).max(1).nullable().meta({ description: "Size-weighted download progress while downloading, else null." }),
    attention: z.object({ kind: z.enum(attentionKinds), reason: z.string(), since: iso.nullable() }).nullable(),
    episodeCounts: stageMap.nullable().meta({ description: "TV: episodes per stage." }),
    episodeListKnown: z.boolean().nullable().meta({ description: "TV: Sonarr's episode list was read, so every requested episode is listed." }),
    removed: z.object({ by: z.string(), at: iso }).nullable().meta({ description: "Deleted upstream (or dismissed): who and when." }),
    stageTimes: z.partialRecord(z.enum(stages), z.string()).meta({ description: "When each stage was first reached (ISO)." }),
    jellyfinItemId: z.string().nullable(),
    createdAt: iso,
    updatedAt: iso,
    availableAt: iso.nullable(),
  })
  .meta({ id: "Request" });

export const requestListSchema = z.object({ items: z.array(requestSchema), nextCursor: z.string().nullable() }).meta({ id: "RequestList" });

export const requestDetailSchema = requestSchema
  .extend({
    episodes: z.array(
      z.object({
        seasonNumber: z.number().int(),
        episodeNumber: z.number().int(),
        title: z.string().nullable(),
        airDate: z.string().nullable(),
        stage,
        downloadHash: z.string().nullable(),
        jellyfinItemId: z.string().nullable(),
        updatedAt: iso,
      }),
    ),
    downloads: z.array(
      z.object({
        hash: z.string(),
        name: z.string().nullable(),
        size: z.number().nullable(),
        progress: z.number(),
        downloadSpeed: z.number().nullable(),
        etaSeconds: z.number().nullable(),
        clientState: z.string().nullable(),
        status: z.enum(downloadStatuses),
        quality: z.string().nullable(),
        indexer: z.string().nullable(),
        completedAt: iso.nullable(),
        importedAt: iso.nullable(),
      }),
    ),
    timeline: z.array(
      z.object({
        seq: z.number().int(),
        at: iso,
        source: z.enum(sources),
        event: z.string(),
        stage: stage.nullable(),
        message: z.string(),
        requestId: z.number().int().nullable(),
        downloadHash: z.string().nullable(),
        episodes: z
          .array(z.object({ seasonNumber: z.number().int(), episodeNumber: z.number().int() }))
          .nullable()
          .meta({ description: "The episodes the event was about; null when it does not say (a movie, an older row)." }),
        facts: z
          .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
          .meta({ description: "Plain facts recorded with the event (release name, download hash, Jellyfin item id, …)." }),
      }),
    ),
  })
  .meta({ id: "RequestDetail" });

export const errorSchema = z
  .object({ error: z.string(), message: z.string(), issues: z.array(z.object({ path: z.string(), message: z.string() })).optional() })
  .meta({ id: "Error" });

export const healthSchema = z
  .looseObject({ status: z.enum(["ok", "degraded"]), database: z.looseObject({ reachable: z.boolean(), driver: z.string().optional() }) })
  .meta({ id: "Health", description: "Liveness for anyone; admins and tokens also get integrations, webhooks, workflows and the outbox." });

export const webhookAnswerSchema = z
  .looseObject({
    deliveryId: z.number().int().optional(),
    eventType: z.string().nullable().optional(),
    applied: z.array(z.unknown()).optional(),
    ignored: z.string().optional(),
  })
  .meta({ id: "WebhookAnswer" });
