import { z } from "zod";
import type { ApiTokenListing } from "@/db/queries/api-tokens";

export const createTokenRequest = z
  .object({ name: z.string().trim().min(1).max(80), scope: z.enum(["read", "act"]).default("read") })
  .meta({ id: "CreateTokenRequest" });

export const tokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    scope: z.enum(["read", "act"]).meta({ description: "read: the read API; act: also the per-request actions." }),
    prefix: z.string().meta({ description: "The first characters of the secret, to tell tokens apart." }),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApiToken" });

export const createdTokenSchema = z
  .object({ token: tokenSchema, secret: z.string().meta({ description: "Shown once; only its hash is stored." }) })
  .meta({ id: "CreatedApiToken" });

export const tokenListSchema = z.object({ items: z.array(tokenSchema) }).meta({ id: "ApiTokenList" });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentToken(t: ApiTokenListing): z.infer<typeof tokenSchema> {
  return {
    id: t.id,
    name: t.name,
    scope: t.scope,
    prefix: t.prefix,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: iso(t.lastUsedAt),
    revokedAt: iso(t.revokedAt),
  };
}
