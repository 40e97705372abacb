import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Viewer } from "@/lib/auth/session";
import type { Theme } from "@/lib/theme/theme";
import type { Db } from "../client";
import { memberPreferences } from "../schema";
import { memberKey } from "./notify-members";

/** The viewer's stored theme, or null when they never chose one. */
export async function getMemberTheme({ db, viewer }: { db: Db; viewer: Viewer }): Promise<Theme | null> {
  const [row] = await db
    .select({ theme: memberPreferences.theme })
    .from(memberPreferences)
    .where(eq(memberPreferences.nameKey, memberKey(viewer.name)));
  return row?.theme ?? null;
}

export async function saveMemberTheme({ db, viewer, theme }: { db: Db; viewer: Viewer; theme: Theme }): Promise<void> {
  await db
    .insert(memberPreferences)
    .values({ nameKey: memberKey(viewer.name), theme })
    .onConflictDoUpdate({ target: memberPreferences.nameKey, set: { theme, updatedAt: sql`now()` } });
}
