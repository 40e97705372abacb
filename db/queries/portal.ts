import "server-only";
import { asc, isNotNull } from "drizzle-orm";
import type { Db } from "../client";
import { requests } from "../schema";

/** Everyone who has requested something, for the requester filter. */
export async function listRequesters({ db }: { db: Db }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ name: requests.requestedBy })
    .from(requests)
    .where(isNotNull(requests.requestedBy))
    .orderBy(asc(requests.requestedBy))
    .limit(200);
  return rows.map((r) => r.name).filter((n): n is string => n !== null);
}

