import "server-only";
import { and, asc, gte, isNotNull, ne, sql, eq, type SQL } from "drizzle-orm";
import type { Stage } from "@/lib/domain/stages";
import type { Db } from "../client";
import { episodes, requests, sourceStatus } from "../schema";
import type { ReadScope } from "@/lib/auth/policy";
import { readableBy } from "./request-list";

/** The dashboard summary for what `scope` may see: counts per stage, attention, next air dates, last webhook per service. */
export async function readSummary({
  db,
  scope: readScope,
  today,
  upcoming = 5,
}: {
  db: Db;
  scope: ReadScope | null;
  today: string;
  upcoming?: number;
}) {
  const scope: SQL | undefined = readableBy(readScope);
  const [byStage, attention, next, sources] = await Promise.all([
    db.select({ stage: requests.stage, count: sql<number>`count(*)::int` }).from(requests).where(scope).groupBy(requests.stage),
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(requests)
      .where(and(isNotNull(requests.attentionKind), scope)),
    db
      .select({
        requestId: requests.id,
        title: requests.title,
        seasonNumber: episodes.seasonNumber,
        episodeNumber: episodes.episodeNumber,
        airDate: episodes.airDate,
      })
      .from(episodes)
      .innerJoin(requests, eq(requests.id, episodes.requestId))
      .where(and(isNotNull(episodes.airDate), gte(episodes.airDate, today), ne(episodes.stage, "available"), scope))
      .orderBy(asc(episodes.airDate), asc(requests.id), asc(episodes.seasonNumber), asc(episodes.episodeNumber))
      .limit(upcoming),
    db.select().from(sourceStatus).orderBy(asc(sourceStatus.source)),
  ]);
  const counts: Partial<Record<Stage, number>> = {};
  for (const row of byStage) counts[row.stage] = row.count;
  return { counts, attention: attention[0]?.count ?? 0, next, sources };
}
