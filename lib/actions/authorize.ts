import type { Actor } from "@/lib/auth/act-access";
import type { Requester } from "@/lib/auth/aliases";
import { mayRead, type Reader } from "@/lib/auth/policy";
import type { ActionName } from "./schema";

/** Who may do what to one request. Members may only report a problem (on a request they can see). */
export const actionRole: Record<ActionName | "delete", "admin" | "member"> = {
  search: "admin",
  check: "admin",
  retry_import: "admin",
  dismiss: "admin",
  done: "admin",
  remove: "admin",
  resolve_report: "admin",
  delete: "admin",
  report: "member",
};

export function actorAsReader(actor: Actor): Reader {
  return actor.kind === "viewer" ? actor : { kind: "token", name: actor.name, scope: "act" };
}

/**
 * The decision next to the data: an admin action by a member is a 403; a request the actor may not see
 * answers like a missing one (its existence is not shown).
 */
export function authorizeAction(input: {
  actor: Actor;
  action: ActionName | "delete";
  request: Requester | null;
  membersSee: "all" | "own";
}): "ok" | "not_found" | "forbidden" {
  const { actor, action, request, membersSee } = input;
  // A member is refused an admin action before anything is looked up: the answer says nothing about the request.
  const isAdmin = actor.kind === "token" || actor.viewer.role === "admin";
  if (actionRole[action] === "admin" && !isAdmin) return "forbidden";
  if (!request || !mayRead(actorAsReader(actor), membersSee, request)) return "not_found";
  return "ok";
}
