import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { apiTokens, type TokenScope } from "../schema";

export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type ApiTokenListing = Omit<ApiTokenRow, "tokenHash">;

export async function insertApiToken({
  db,
  name,
  scope,
  hash,
  prefix,
  createdBy,
}: {
  db: Db;
  name: string;
  scope: TokenScope;
  hash: string;
  prefix: string;
  createdBy: string;
}) {
  const [row] = await db.insert(apiTokens).values({ name, scope, tokenHash: hash, prefix, createdBy }).returning();
  if (!row) throw new Error("token insert returned no row");
  const { tokenHash: _hash, ...listing } = row;
  return listing;
}

/** Every token (revoked ones too, so the list shows when each stopped working); never the hash. */
export async function listApiTokens({ db }: { db: Db }): Promise<ApiTokenListing[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      prefix: apiTokens.prefix,
      createdBy: apiTokens.createdBy,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function revokeApiToken({ db, id, now = new Date() }: { db: Db; id: number; now?: Date }): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/** The live token with this hash, marking it used (at most once a minute, so reads do not write on every call). */
export async function claimApiToken({
  db,
  hash,
  now = new Date(),
}: {
  db: Db;
  hash: string;
  now?: Date;
}): Promise<{ name: string; scope: TokenScope } | null> {
  const [row] = await db
    .select({ id: apiTokens.id, name: apiTokens.name, scope: apiTokens.scope, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`${now.toISOString()}::timestamptz` })
      .where(eq(apiTokens.id, row.id));
  }
  return { name: row.name, scope: row.scope };
}
