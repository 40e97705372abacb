import { z } from "zod";
import { deletionServices } from "@/lib/domain/deletion";
import type { DeletionWithSteps } from "@/db/queries/deletions";
import type { DeletionPreview } from "@/lib/workflows/delete-media/start";

/** Query of the deletion preview: the same choices as the confirmation, without the ticks. */
export const deletionPreviewQuery = z.object({
  arrScope: z.enum(["series", "seasons"]).default("series"),
  arrDeleteFiles: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  torrentDeleteFiles: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
});

export const deletionPreviewSchema = z
  .object({
    requestId: z.number().int(),
    title: z.string(),
    mediaType: z.enum(["movie", "tv"]),
    steps: z.array(z.object({ service: z.enum(deletionServices), description: z.string() })),
    unreachable: z.array(z.object({ service: z.enum(deletionServices), error: z.string() })),
  })
  .meta({ id: "DeletionPreview" });

const stepSchema = z.object({
  id: z.number().int(),
  service: z.enum(deletionServices),
  description: z.string(),
  status: z.enum(["pending", "retrying", "done", "failed"]),
  attempts: z.number().int(),
  result: z.string().nullable(),
  error: z.string().nullable().meta({ description: "What went wrong, in plain words." }),
  finishedAt: z.iso.datetime().nullable(),
});

export const deletionSchema = z
  .object({
    id: z.number().int(),
    requestId: z.number().int().nullable(),
    title: z.string(),
    mediaType: z.enum(["movie", "tv"]),
    requestedBy: z.string(),
    status: z.enum(["running", "done", "failed"]),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    steps: z.array(stepSchema),
  })
  .meta({ id: "Deletion" });
export type DeletionJson = z.infer<typeof deletionSchema>;

export const deletionListSchema = z.object({ items: z.array(deletionSchema) }).meta({ id: "DeletionList" });

export const bulkDeletionResultSchema = z
  .object({
    results: z.array(
      z.union([
        z.object({ requestId: z.number().int(), deletionId: z.number().int() }),
        z.object({ requestId: z.number().int(), error: z.string() }),
      ]),
    ),
  })
  .meta({ id: "BulkDeletionResult" });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentDeletion(d: DeletionWithSteps): DeletionJson {
  return {
    id: d.id,
    requestId: d.requestId,
    title: d.title,
    mediaType: d.mediaType,
    requestedBy: d.requestedBy,
    status: d.status,
    createdAt: d.createdAt.toISOString(),
    finishedAt: iso(d.finishedAt),
    steps: d.steps.map((s) => ({
      id: s.id,
      service: s.service,
      description: s.description,
      status: s.status,
      attempts: s.attempts,
      result: s.result,
      error: s.error,
      finishedAt: iso(s.finishedAt),
    })),
  };
}

export function presentPreview(p: DeletionPreview): z.infer<typeof deletionPreviewSchema> {
  return p;
}
