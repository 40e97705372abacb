import "server-only";
import { AppError } from "@/lib/errors";
import { isSameOrigin } from "./origin";
import { tokenReader } from "./read-access";
import type { Viewer } from "./session";
import { getViewer } from "./viewer";

/** Who is acting on a request: a signed-in person, or a script with a read-and-act token. */
export type Actor = { kind: "viewer"; viewer: Viewer } | { kind: "token"; name: string };

/**
 * For every state-changing route: a bearer token must be a read-and-act token (API_TOKEN and read-only
 * tokens get 403); a session must come from the portal itself (same origin), else 403. Role and request
 * visibility are checked later, next to the data (lib/actions/authorize.ts).
 */
export async function requireActor(request: Request, options: { readOnly?: boolean } = {}): Promise<Actor> {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization")?.trim() ?? "");
  if (match) {
    const token = await tokenReader(match[1] ?? "");
    if (!token) throw new AppError("unauthorized", "Wrong API token");
    if (token.scope !== "act") throw new AppError("forbidden", "This token is read-only; create a read-and-act token to act");
    return { kind: "token", name: token.name ?? "token" };
  }
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthorized", "Sign in or send Authorization: Bearer <token>");
  // A read (the deletion preview) changes nothing, so a link from elsewhere can do no harm.
  if (!options.readOnly && !isSameOrigin(request)) throw new AppError("forbidden", "Cross-site request refused");
  return { kind: "viewer", viewer };
}

/** A signed-in admin acting from the portal (token management, the deletion log, library sync). */
export async function requireAdminActor(request: Request): Promise<Viewer> {
  const actor = await requireActor(request);
  if (actor.kind !== "viewer" || actor.viewer.role !== "admin") throw new AppError("forbidden", "Only an admin can do this");
  return actor.viewer;
}

/** How the timeline and the deletion log name who did something. */
export function actorName(actor: Actor): string {
  return actor.kind === "viewer" ? actor.viewer.name : `token "${actor.name}"`;
}

export function actorIsAdmin(actor: Actor): boolean {
  return actor.kind === "token" || actor.viewer.role === "admin";
}
