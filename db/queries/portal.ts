import "server-only";
import { and, asc, isNotNull } from "drizzle-orm";
import type { Db } from "../client";
import { requests } from "../schema";
import { requestedByAnyOf } from "./request-list";

/** Everyone who has requested something (or only these requesters), for the requester filter. */
export async function listRequesters({ db, requesterAnyOf }: { db: Db; requesterAnyOf?: readonly string[] }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ name: requests.requestedBy })
    .from(requests)
    .where(and(isNotNull(requests.requestedBy), requesterAnyOf ? requestedByAnyOf(requesterAnyOf) : undefined))
    .orderBy(asc(requests.requestedBy))
    .limit(200);
  return rows.map((r) => r.name).filter((n): n is string => n !== null);
}

