import "server-only";
import type { Db } from "@/db/client";
import { insertApiToken, revokeApiToken } from "@/db/queries/api-tokens";
import type { TokenScope } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { newTokenSecret } from "./api-tokens";

/** A new named token; the secret is returned here once and never stored. */
export async function createApiToken({ db, name, scope, by }: { db: Db; name: string; scope: TokenScope; by: string }) {
  const { secret, hash, prefix } = newTokenSecret();
  const token = await insertApiToken({ db, name, scope, hash, prefix, createdBy: by });
  return { token, secret };
}

export async function revokeToken({ db, id }: { db: Db; id: number }): Promise<void> {
  if (!(await revokeApiToken({ db, id }))) throw new AppError("not_found", `No live token with id "${id}"`);
}
