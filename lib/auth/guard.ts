import "server-only";
import { headers } from "next/headers";
import { AppError } from "@/lib/errors";
import { isSameOrigin } from "./origin";
import { requireAdmin, type Viewer } from "./viewer";

/** Refuses a state-changing request that did not come from one of this app's own pages. */
export function requireSameOrigin(request: Request): void {
  if (!isSameOrigin(request)) throw new AppError("forbidden", "Requests from other sites are refused");
}

/**
 * For a state-changing admin route handler: same origin, then an admin's live session. Checked here even
 * though the proxy also turns members away, so the handler stays safe whatever the proxy lets through.
 */
export async function requireAdminRequest(request: Request): Promise<Viewer> {
  requireSameOrigin(request);
  return requireAdmin();
}

/** The same-origin check for a server action, which has no Request: judged from the incoming headers. */
export async function actionIsSameOrigin(): Promise<boolean> {
  return isSameOrigin(new Request("http://server-action.invalid/", { headers: await headers() }));
}

export async function requireSameOriginAction(): Promise<void> {
  if (!(await actionIsSameOrigin())) throw new AppError("forbidden", "Requests from other sites are refused");
}
