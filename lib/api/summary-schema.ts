import { z } from "zod";
import { sources } from "@/lib/domain/events";
import { stages, type Stage } from "@/lib/domain/stages";
import { activeStages } from "@/lib/portal/filters";
import type { readSummary } from "@/db/queries/summary";

export const summarySchema = z
  .object({
    counts: z.record(z.enum(stages), z.number().int()).meta({ description: "Requests per stage (every stage, zeros included)." }),
    active: z.number().int().meta({ description: "Requests still on their way (not available, failed or declined)." }),
    attention: z.number().int().meta({ description: "Requests needing attention (stalled, import blocked, …)." }),
    nextEpisodes: z.array(
      z.object({
        requestId: z.number().int(),
        title: z.string(),
        seasonNumber: z.number().int(),
        episodeNumber: z.number().int(),
        airDate: z.string().meta({ description: "YYYY-MM-DD (UTC)" }),
      }),
    ),
    lastWebhooks: z.array(z.object({ source: z.enum(sources), at: z.iso.datetime().nullable(), eventType: z.string().nullable() })),
  })
  .meta({ id: "Summary" });
export type SummaryJson = z.infer<typeof summarySchema>;

export function presentSummary(s: Awaited<ReturnType<typeof readSummary>>): SummaryJson {
  const counts = Object.fromEntries(stages.map((stage) => [stage, s.counts[stage] ?? 0])) as Record<Stage, number>;
  return {
    counts,
    active: activeStages.reduce((sum, stage) => sum + counts[stage], 0),
    attention: s.attention,
    nextEpisodes: s.next.map((n) => ({ ...n, airDate: n.airDate ?? "" })),
    lastWebhooks: s.sources.map((r) => ({
      source: r.source,
      at: r.lastDeliveryAt ? r.lastDeliveryAt.toISOString() : null,
      eventType: r.lastEventType,
    })),
  };
}
