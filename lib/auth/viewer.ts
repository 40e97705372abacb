import "server-only";
import { cache } from "react";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { auth } from "./auth";
import { viewerFromSession, type Viewer } from "./session";

export type { Viewer } from "./session";

/**
 * The signed-in person for this request, or null. Reads the request's cookies, so pages using it are
 * dynamic. The session's row is read once per server render (the header and the page share it).
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const { ADMIN_USERS, USER_ALIASES } = env();
  return viewerFromSession(await auth(), { adminUsers: ADMIN_USERS, aliases: USER_ALIASES });
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthorized", "Sign in first");
  return viewer;
}

export async function requireAdmin(): Promise<Viewer> {
  const viewer = await requireViewer();
  if (viewer.role !== "admin") throw new AppError("forbidden", "Only an admin can do this");
  return viewer;
}
