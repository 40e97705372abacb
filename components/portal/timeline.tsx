import type { PortalTimelineEntry } from "@/lib/requests/transfer";
import { Icon, sourceIcon, sourceLabel } from "./icon";
import { LocalTime } from "./local-time";

/** Oldest first, as the story happened. */
export function Timeline({ entries }: { entries: PortalTimelineEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-700 dark:text-slate-300">Nothing has happened yet.</p>;
  return (
    <ol className="flex flex-col gap-3 border-l-2 border-slate-200 pl-4 dark:border-slate-700" data-testid="timeline">
      {entries.map((t) => (
        <li key={t.seq} data-seq={t.seq} className="relative">
          <span className="absolute top-0.5 -left-[27px] flex size-5 items-center justify-center rounded-full bg-white text-slate-700 ring-2 ring-slate-200 dark:bg-slate-950 dark:text-slate-300 dark:ring-slate-700">
            <Icon name={sourceIcon[t.source]} className="size-3" />
          </span>
          <p className="text-sm">{t.message}</p>
          <p className="text-xs text-slate-700 dark:text-slate-300">
            {sourceLabel[t.source]} · <LocalTime iso={t.at} />
          </p>
        </li>
      ))}
    </ol>
  );
}
