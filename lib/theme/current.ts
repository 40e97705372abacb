import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import { getMemberTheme } from "@/db/queries/member-preferences";
import { getViewer } from "@/lib/auth/viewer";
import { log } from "@/lib/log";
import { DEFAULT_THEME, parseTheme, THEME_COOKIE, type Theme } from "./theme";

/**
 * The theme this response renders in: the browser's cookie, else the signed-in member's stored choice (a new
 * device), else dark. Never fails a page: a database hiccup only costs the default.
 */
export const currentTheme = cache(async (): Promise<{ theme: Theme; fromCookie: boolean }> => {
  const fromCookie = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  if (fromCookie) return { theme: fromCookie, fromCookie: true };
  try {
    const viewer = await getViewer();
    const stored = viewer ? await getMemberTheme({ db: await getDb(), viewer }) : null;
    return { theme: stored ?? DEFAULT_THEME, fromCookie: false };
  } catch (error) {
    log.warn("theme lookup failed", { message: error instanceof Error ? error.message : String(error) });
    return { theme: DEFAULT_THEME, fromCookie: false };
  }
});
