"use server";
import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { saveMemberTheme } from "@/db/queries/member-preferences";
import { requireSameOriginAction } from "@/lib/auth/guard";
import { getViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { parseTheme, THEME_COOKIE, THEME_COOKIE_MAX_AGE } from "./theme";

/** Remembers the theme for the signed-in member (any device they sign in on) and in this browser's cookie. */
export async function saveThemeAction(value: string): Promise<void> {
  await requireSameOriginAction();
  const theme = parseTheme(value);
  if (!theme) throw new AppError("bad_request", "Unknown theme");
  const viewer = await getViewer();
  if (viewer) await saveMemberTheme({ db: await getDb(), viewer, theme });
  (await cookies()).set(THEME_COOKIE, theme, { path: "/", sameSite: "lax", maxAge: THEME_COOKIE_MAX_AGE });
}
