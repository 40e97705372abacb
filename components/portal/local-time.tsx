"use client";

import { useSyncExternalStore } from "react";
import { formatRelative } from "@/lib/portal/format";

const noop = () => () => {};

/** False during server render and hydration, true after: times are formatted only in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

// One shared clock for every "2 min ago" on the page, ticking every 30 s.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
function subscribeClock(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The page's shared clock (ticks every 30 s); null during server render and hydration. */
export function useNow(): number | null {
  const hydrated = useHydrated();
  const clock = useSyncExternalStore(
    subscribeClock,
    () => now,
    () => 0,
  );
  return hydrated ? Math.max(clock, Date.now()) : null;
}

const dateTime: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
const dateOnly: Intl.DateTimeFormatOptions = { dateStyle: "medium" };

/** An ISO instant in the viewer's own zone and language; empty until hydrated to avoid a mismatch. */
export function LocalTime({ iso, mode = "datetime" }: { iso: string | null; mode?: "datetime" | "date" | "relative" }) {
  const hydrated = useHydrated();
  const clock = useSyncExternalStore(
    subscribeClock,
    () => now,
    () => 0,
  );
  if (!iso) return null;
  let text = "";
  if (hydrated) {
    if (mode === "relative") text = formatRelative(iso, Math.max(clock, Date.now()));
    else text = new Date(iso).toLocaleString(undefined, mode === "date" ? dateOnly : dateTime);
  }
  const title = hydrated && mode === "relative" ? new Date(iso).toLocaleString(undefined, dateTime) : undefined;
  return (
    <time dateTime={iso} title={title} suppressHydrationWarning>
      {text}
    </time>
  );
}
