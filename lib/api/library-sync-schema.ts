import { z } from "zod";
import type { LibrarySyncRow } from "@/db/queries/library-syncs";
import { importPhases, phaseLabel, type ImportPhase } from "@/lib/domain/library-import";

export const librarySyncSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(["running", "done", "failed"]),
    phase: z.enum(importPhases).nullable(),
    phaseLabel: z.string().nullable().meta({ description: "What is being imported now, in words." }),
    done: z.number().int().meta({ description: "Items imported so far (n)." }),
    total: z.number().int().meta({ description: "Items known so far (N); grows as each phase's first page tells its size." }),
    created: z.number().int(),
    updated: z.number().int(),
    error: z.string().nullable(),
    startedBy: z.string(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "LibrarySync" });

export const librarySyncStatusSchema = z.object({ sync: librarySyncSchema.nullable() }).meta({ id: "LibrarySyncStatus" });

export function presentLibrarySync(row: LibrarySyncRow): z.infer<typeof librarySyncSchema> {
  const phase = (importPhases as readonly string[]).includes(row.phase ?? "") ? (row.phase as ImportPhase) : null;
  return {
    id: row.id,
    status: row.status,
    phase,
    phaseLabel: phase ? phaseLabel[phase] : null,
    done: row.done,
    total: Math.max(row.total, row.done),
    created: row.created,
    updated: row.updated,
    error: row.error,
    startedBy: row.startedBy,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}
