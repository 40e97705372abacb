import "server-only";
import { and, asc, isNotNull } from "drizzle-orm";
import type { Db } from "../client";
import { requests } from "../schema";
import type { ReadScope } from "@/lib/auth/policy";
import { readableBy } from "./request-list";

/** Everyone who has requested something the reader may see, for the requester filter. */
export async function listRequesters({ db, scope }: { db: Db; scope: ReadScope | null }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ name: requests.requestedBy })
    .from(requests)
    .where(and(isNotNull(requests.requestedBy), readableBy(scope)))
    .orderBy(asc(requests.requestedBy))
    .limit(200);
  return rows.map((r) => r.name).filter((n): n is string => n !== null);
}
