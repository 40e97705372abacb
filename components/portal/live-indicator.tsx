"use client";

import { useLiveStatus } from "./live-provider";
import type { LiveStatus } from "./live-store";

const look: Record<LiveStatus, { text: string; dot: string }> = {
  connecting: { text: "Connecting…", dot: "bg-slate-400" },
  live: { text: "Live", dot: "bg-emerald-500" },
  reconnecting: { text: "Reconnecting…", dot: "bg-amber-500 animate-pulse" },
  offline: { text: "Offline", dot: "bg-rose-500" },
};

/** Always text beside the dot: the colour alone says nothing to some readers. */
export function LiveIndicator() {
  const status = useLiveStatus();
  const { text, dot } = look[status];
  return (
    <span data-testid="live-status" data-status={status} className="inline-flex items-center gap-1.5 text-sm text-slate-700 dark:text-slate-300">
      <span className={`size-2.5 rounded-full ${dot}`} aria-hidden="true" />
      {text}
    </span>
  );
}
