import "server-only";
import { env } from "@/lib/env";
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
    if (secretMatches(match[1] ?? null, env().API_TOKEN)) return { kind: "token" };
    throw new AppError("unauthorized", "Wrong API token");
  }
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthorized", "Sign in or send Authorization: Bearer <API_TOKEN>");
  return { kind: "viewer", viewer };
}

/**
 * Whether a caller may see the detailed health report (integration versions, latencies, backlog): an
 * admin's session or the API token. Anyone else gets liveness only, which also keeps an anonymous caller
 * from making the tracker call every upstream service.
 */
export async function mayReadHealthDetail(request: Request): Promise<boolean> {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization")?.trim() ?? "");
  if (match) return secretMatches(match[1] ?? null, env().API_TOKEN);
  return (await getViewer())?.role === "admin";
}
