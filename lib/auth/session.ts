import { z } from "zod";
import { namesOf, type AliasMap } from "./aliases";

/** The signed-in person as pages and routes see them. */
export type Viewer = {
  name: string;
  role: "admin" | "member";
  /** Every lower-case name or e-mail this person may appear as in Jellyseerr, own name first. */
  aliases: string[];
};

/** What the session cookie carries: the name and whether the sign-in source said "admin". */
export const sessionUser = z.object({ name: z.string().min(1), idpAdmin: z.boolean().default(false) });
export type SessionUser = z.infer<typeof sessionUser>;

const sessionShape = z.object({ user: sessionUser });

export type RoleConfig = { adminUsers: readonly string[]; aliases: AliasMap };

/**
 * Role is decided on every request, not frozen into the cookie: adding or removing a name in ADMIN_USERS
 * takes effect at once. Jellyfin's administrator policy is re-read every minute (lib/auth/sessions.ts).
 */
export function viewerFromSession(session: unknown, config: RoleConfig): Viewer | null {
  const parsed = sessionShape.safeParse(session);
  if (!parsed.success) return null;
  const { name, idpAdmin } = parsed.data.user;
  const admin = idpAdmin || config.adminUsers.includes(name.trim().toLowerCase());
  return { name, role: admin ? "admin" : "member", aliases: namesOf(name, config.aliases) };
}
