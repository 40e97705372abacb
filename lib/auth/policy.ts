import { isRequestedBy, type Requester } from "./aliases";
import type { Viewer } from "./session";

/** Who is reading the request API: a script with the read-only API token, or a signed-in person. */
export type Reader = { kind: "token" } | { kind: "viewer"; viewer: Viewer };

/**
 * The requester names a reader is limited to, or null for every request. Only a member under
 * MEMBERS_SEE=own is limited; admins and the API token see the household.
 */
export function requesterScope(reader: Reader, membersSee: "all" | "own"): string[] | null {
  if (reader.kind === "token" || reader.viewer.role === "admin" || membersSee === "all") return null;
  return reader.viewer.aliases;
}

export function mayRead(reader: Reader, membersSee: "all" | "own", request: Requester): boolean {
  const scope = requesterScope(reader, membersSee);
  return scope === null || isRequestedBy(request, scope);
}

/**
 * The live-stream filter for a signed-in viewer: only requests they may read (events that concern no
 * request are household matters and stay out of a scoped stream). Null when the viewer sees everything.
 */
export function liveFilter(viewer: Viewer, membersSee: "all" | "own"): ((owner: Requester | null) => boolean) | null {
  const scope = requesterScope({ kind: "viewer", viewer }, membersSee);
  return scope === null ? null : (owner) => owner !== null && isRequestedBy(owner, scope);
}

/**
 * What a reader may see, as the list queries take it: every request, or only those requested under these
 * lower-case names. A query given no scope (null) returns nothing.
 */
export type ReadScope = { all: true } | { all: false; requesters: readonly string[] };

/** For work that is no one's view of the data (workflows, tests of the queries themselves). */
export const wholeHousehold: ReadScope = { all: true };

export function readScope(reader: Reader, membersSee: "all" | "own"): ReadScope {
  const names = requesterScope(reader, membersSee);
  return names === null ? wholeHousehold : { all: false, requesters: names };
}

/** The scope of a portal page's viewer; null, which reads nothing, when nobody is signed in. */
export function viewerScope(viewer: Viewer | null, membersSee: "all" | "own"): ReadScope | null {
  return viewer ? readScope({ kind: "viewer", viewer }, membersSee) : null;
}
