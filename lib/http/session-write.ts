import "server-only";
import type { z } from "zod";
import { isSameOrigin } from "@/lib/auth/origin";
import { requireViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { zodIssues } from "@/lib/integrations/webhook";
import { readBodyLimited } from "./read-body";

/** A state change from the signed-in person's own browser: same origin first, then the session. */
export async function requireSameOriginViewer(request: Request): Promise<Viewer> {
  if (!isSameOrigin(request)) throw new AppError("forbidden", "Refused: this request did not come from the tracker's own pages");
  return requireViewer();
}

/** A small JSON body parsed with `schema`; a bad one is a 400 naming the failing paths. */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const text = new TextDecoder().decode(await readBodyLimited(request, 16 * 1024));
  let json: unknown;
  try {
    json = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError("bad_request", "The body is not valid", zodIssues(parsed.error));
  return parsed.data;
}
