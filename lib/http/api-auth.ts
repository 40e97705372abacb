import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { secretMatches } from "@/lib/ingest/auth";

/** Read API access for scripts and dashboards: `Authorization: Bearer <API_TOKEN>`, compared in constant time. */
export function requireApiToken(request: Request): void {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!secretMatches(match?.[1] ?? null, env().API_TOKEN)) {
    throw new AppError("unauthorized", "A valid API token is required (Authorization: Bearer <API_TOKEN>)");
  }
}
