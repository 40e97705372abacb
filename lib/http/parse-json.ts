import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { zodIssues } from "@/lib/integrations/webhook";
import { readBodyLimited } from "./read-body";

const MAX_ACTION_BODY = 64 * 1024;

/** A route's JSON body checked against its schema: 400 with the failing paths, 413 past 64 KiB. */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
  const bytes = await readBodyLimited(request, MAX_ACTION_BODY);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes) || "{}");
  } catch {
    throw new AppError("bad_request", "The body is not JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError("bad_request", "Invalid body", zodIssues(parsed.error));
  return parsed.data;
}

/** A numeric route id (`/api/requests/12`), or a 404 for anything else. */
export function routeId(value: string, what = "request"): number {
  if (!/^\d{1,9}$/.test(value)) throw new AppError("not_found", `No ${what} with id "${value}"`);
  return Number(value);
}
