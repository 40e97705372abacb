import "server-only";
import { getDb } from "@/db/client";
import { claimApiToken } from "@/db/queries/api-tokens";
import { env } from "@/lib/env";
import { hashToken, looksLikeNamedToken } from "./api-tokens";
import { AppError } from "@/lib/errors";
import { secretMatches } from "@/lib/ingest/auth";
import type { Reader } from "./policy";
import { getViewer } from "./viewer";

export type { Reader } from "./policy";

/**
 * `Authorization: Bearer <API_TOKEN>` (constant-time), else the session cookie. A wrong token is a 401
 * even with a valid cookie beside it: a caller that presents a credential means that credential.
 */
export async function requireReader(request: Request): Promise<Reader> {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization")?.trim() ?? "");
  if (match) {
    const token = await tokenReader(match[1] ?? "");
    if (token) return token;
    throw new AppError("unauthorized", "Wrong API token");
  }
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthorized", "Sign in or send Authorization: Bearer <API_TOKEN>");
  return { kind: "viewer", viewer };
}

/** API_TOKEN (read-only) or a live named token from the admin page. */
export async function tokenReader(secret: string): Promise<Extract<Reader, { kind: "token" }> | null> {
  if (secretMatches(secret, env().API_TOKEN)) return { kind: "token", name: "API_TOKEN", scope: "read" };
  if (!looksLikeNamedToken(secret)) return null;
  const found = await claimApiToken({ db: await getDb(), hash: hashToken(secret) });
  return found ? { kind: "token", name: found.name, scope: found.scope } : null;
}

/**
 * Whether a caller may see the detailed health report (integration versions, latencies, backlog): an
 * admin's session or the API token. Anyone else gets liveness only, which also keeps an anonymous caller
 * from making the tracker call every upstream service.
 */
export async function mayReadHealthDetail(request: Request): Promise<boolean> {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization")?.trim() ?? "");
  if (match) return (await tokenReader(match[1] ?? "")) !== null;
  return (await getViewer())?.role === "admin";
}
