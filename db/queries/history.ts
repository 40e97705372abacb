import "server-only";
import { and, inArray, sql } from "drizzle-orm";
import type { Stage } from "@/lib/domain/stages";
import type { Db } from "../client";
import { requests } from "../schema";
import { requestedByAnyOf } from "./request-list";

/** How many finished requests there are per stage, optionally for one requester (any case). */
export async function countByStage({
  db,
  stages,
  requestedBy,
  requesterAnyOf,
}: {
  db: Db;
  stages: readonly Stage[];
  requestedBy?: string;
  /** Limits the counts to these requesters (MEMBERS_SEE=own). */
  requesterAnyOf?: readonly string[];
}) {
  const rows = await db
    .select({ stage: requests.stage, count: sql<string | number>`count(*)` })
    .from(requests)
    .where(
      and(
        inArray(requests.stage, [...stages]),
        requestedBy ? sql`lower(${requests.requestedBy}) = lower(${requestedBy})` : undefined,
        requesterAnyOf ? requestedByAnyOf(requesterAnyOf) : undefined,
      ),
    )
    .groupBy(requests.stage);
  const counts: Partial<Record<Stage, number>> = {};
  for (const r of rows) counts[r.stage] = Number(r.count);
  return counts;
}
