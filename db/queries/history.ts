import "server-only";
import { and, inArray, sql } from "drizzle-orm";
import type { Stage } from "@/lib/domain/stages";
import type { Db } from "../client";
import { requests } from "../schema";
import type { ReadScope } from "@/lib/auth/policy";
import { readableBy } from "./request-list";

/** How many finished requests the reader may see there are per stage, optionally for one requester (any case). */
export async function countByStage({
  db,
  scope,
  stages,
  requestedBy,
}: {
  db: Db;
  scope: ReadScope | null;
  stages: readonly Stage[];
  requestedBy?: string;
}) {
  const rows = await db
    .select({ stage: requests.stage, count: sql<string | number>`count(*)` })
    .from(requests)
    .where(
      and(
        inArray(requests.stage, [...stages]),
        requestedBy ? sql`lower(${requests.requestedBy}) = lower(${requestedBy})` : undefined,
        readableBy(scope),
      ),
    )
    .groupBy(requests.stage);
  const counts: Partial<Record<Stage, number>> = {};
  for (const r of rows) counts[r.stage] = Number(r.count);
  return counts;
}
