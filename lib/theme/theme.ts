/**
 * The portal's two themes. Dark is the default (the household lives in Jellyfin and Jellyseerr, both dark);
 * a member's choice is stored with them and mirrored in a cookie, so the server renders it without a flash.
 */
export const themes = ["dark", "light"] as const;
export type Theme = (typeof themes)[number];

export const DEFAULT_THEME: Theme = "dark";
export const THEME_COOKIE = "st-theme";
/** A year: the cookie only mirrors the stored choice, which the server reads again when it is missing. */
export const THEME_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

export function parseTheme(value: unknown): Theme | null {
  return value === "dark" || value === "light" ? value : null;
}

export const otherTheme = (theme: Theme): Theme => (theme === "dark" ? "light" : "dark");
