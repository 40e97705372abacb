import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Stage } from "@/lib/domain/stages";
import type { Db } from "../client";
import { requestReports, requests, timelineEvents } from "../schema";

export type ReportRow = typeof requestReports.$inferSelect;

/** A member's note to the admins, with its timeline line, in one transaction. */
export async function insertReport({
  db,
  requestId,
  author,
  message,
  stage,
}: {
  db: Db;
  requestId: number;
  author: string;
  message: string;
  stage: Stage;
}) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(requestReports).values({ requestId, author, message }).returning();
    await tx.insert(timelineEvents).values({
      requestId,
      source: "tracker",
      event: "action.report",
      stage,
      message: `${author} reported a problem: ${message}`,
      data: { by: author, reportId: row?.id },
    });
    return row ?? null;
  });
}

export async function resolveReport({
  db,
  requestId,
  reportId,
  by,
  now = new Date(),
}: {
  db: Db;
  requestId: number;
  reportId: number;
  by: string;
  now?: Date;
}) {
  const rows = await db
    .update(requestReports)
    .set({ resolvedAt: now, resolvedBy: by })
    .where(and(eq(requestReports.id, reportId), eq(requestReports.requestId, requestId), isNull(requestReports.resolvedAt)))
    .returning();
  return rows[0] ?? null;
}

export async function listReportsForRequest({ db, requestId }: { db: Db; requestId: number }): Promise<ReportRow[]> {
  return db.select().from(requestReports).where(eq(requestReports.requestId, requestId)).orderBy(asc(requestReports.createdAt));
}

/** Open reports for the admin page, newest first, with the request's title. */
export async function listOpenReports({ db, limit = 100 }: { db: Db; limit?: number }) {
  return db
    .select({ report: requestReports, title: requests.title })
    .from(requestReports)
    .innerJoin(requests, eq(requests.id, requestReports.requestId))
    .where(isNull(requestReports.resolvedAt))
    .orderBy(desc(requestReports.createdAt))
    .limit(limit);
}
