"use client";

import { useEffect, useState, useTransition } from "react";
import { saveThemeAction } from "@/lib/theme/actions";
import { otherTheme, THEME_COOKIE, THEME_COOKIE_MAX_AGE, type Theme } from "@/lib/theme/theme";

const sun = "M12 3v2M12 19v2M4.2 4.2l1.4 1.4M18.4 18.4l1.4 1.4M3 12h2M19 12h2M4.2 19.8l1.4-1.4M18.4 5.6l1.4-1.4M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8z";
const moon = "M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z";

function writeCookie(theme: Theme) {
  // biome-ignore lint/suspicious/noDocumentCookie: one plain preference cookie; the Cookie Store API is not everywhere yet.
  document.cookie = `${THEME_COOKIE}=${theme}; path=/; max-age=${THEME_COOKIE_MAX_AGE}; samesite=lax`;
}

/**
 * Switches between the dark and light theme at once (the <html> attribute), then remembers the choice for the
 * member. `fromCookie` false means this browser had no cookie yet: it gets one now, so later pages skip the lookup.
 */
export function ThemeToggle({ initial, fromCookie }: { initial: Theme; fromCookie: boolean }) {
  const [theme, setTheme] = useState(initial);
  const [, startTransition] = useTransition();
  useEffect(() => {
    if (!fromCookie) writeCookie(initial);
  }, [fromCookie, initial]);

  const toggle = () => {
    const next = otherTheme(theme);
    document.documentElement.dataset.theme = next;
    writeCookie(next);
    setTheme(next);
    startTransition(() => saveThemeAction(next));
  };
  const target = otherTheme(theme);
  return (
    <button
      type="button"
      onClick={toggle}
      data-testid="theme-toggle"
      data-theme-now={theme}
      aria-label={`Use the ${target} theme`}
      title={`Use the ${target} theme`}
      className="inline-flex size-9 items-center justify-center rounded-md border border-line-strong text-ink hover:bg-raised"
    >
      <svg viewBox="0 0 24 24" className="size-4.5" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden="true">
        <path d={theme === "dark" ? sun : moon} />
      </svg>
    </button>
  );
}
