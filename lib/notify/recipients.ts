import { isRequestedBy, namesOf, type AliasMap, type Requester } from "@/lib/auth/aliases";
import type { Audience } from "./facts";

/** The household's own channels (NOTIFY_URLS) are told what admins are told. */
export const HOUSEHOLD = "@household";

export type Member = { nameKey: string; role: "admin" | "member" };

export type Recipient = { recipient: string; noOneToTell: boolean };

/** Members a request belongs to, by the identity rules the portal uses (own name, USER_ALIASES, e-mail). */
export function requesterMembers(request: Requester, members: readonly Member[], aliases: AliasMap): Member[] {
  return members.filter((m) => isRequestedBy(request, namesOf(m.nameKey, aliases)));
}

/**
 * Who hears about a fact: the requester (or, when the requester is no member, the admins, flagged "no one to
 * tell"), followers of the request, and admins for admin matters. Each recipient once.
 */
export function resolveRecipients(input: {
  audience: Audience;
  request: Requester | null;
  members: readonly Member[];
  aliases: AliasMap;
  followers: readonly string[];
}): Recipient[] {
  const { audience, request, members, aliases, followers } = input;
  const admins = [...members.filter((m) => m.role === "admin").map((m) => m.nameKey), HOUSEHOLD];
  const out = new Map<string, Recipient>();
  const add = (recipient: string, noOneToTell = false) => {
    if (!out.has(recipient)) out.set(recipient, { recipient, noOneToTell });
  };
  if (audience !== "admins") {
    const owners = request ? requesterMembers(request, members, aliases) : [];
    for (const m of owners) add(m.nameKey);
    for (const f of followers) add(f);
    if (owners.length === 0) for (const a of admins) add(a, true);
  }
  if (audience !== "requester") for (const a of admins) add(a);
  return [...out.values()];
}
