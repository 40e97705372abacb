"use client";

import { useMemo } from "react";
import type { MediaType } from "@/lib/domain/events";
import { tellStory } from "@/lib/domain/timeline-story";
import type { PortalTimelineEntry } from "@/lib/requests/transfer";
import { Icon, sourceIcon, sourceLabel } from "./icon";
import { LocalTime } from "./local-time";

/** Oldest first, as the story happened: one line per happening, the raw ids behind "Details". */
export function Timeline({ entries, mediaType }: { entries: PortalTimelineEntry[]; mediaType: MediaType }) {
  const story = useMemo(() => tellStory(entries, mediaType), [entries, mediaType]);
  if (story.length === 0) return <p className="text-sm text-slate-700 dark:text-slate-300">Nothing has happened yet.</p>;
  return (
    <ol className="flex flex-col gap-3 border-l-2 border-slate-200 pl-4 dark:border-slate-700" data-testid="timeline">
      {story.map((line) => (
        <li key={line.key} data-seq={line.key} data-event={line.event} className="relative">
          <span className="absolute top-0.5 -left-[27px] flex size-5 items-center justify-center rounded-full bg-white text-slate-700 ring-2 ring-slate-200 dark:bg-slate-950 dark:text-slate-300 dark:ring-slate-700">
            <Icon name={sourceIcon[line.source]} className="size-3" />
          </span>
          <p className="text-sm break-words">{line.text}</p>
          <p className="text-xs text-slate-700 dark:text-slate-300">
            {sourceLabel[line.source]} · <LocalTime iso={line.at} />
            {Date.parse(line.lastAt) - Date.parse(line.at) >= 60_000 ? (
              <>
                {" "}
                to <LocalTime iso={line.lastAt} />
              </>
            ) : null}
          </p>
          {line.details.length > 0 ? (
            <details className="mt-1 text-xs text-slate-700 dark:text-slate-300">
              <summary className="w-fit cursor-pointer rounded underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                Details
              </summary>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
                {line.details.map((d) => (
                  <div key={d.label} className="contents">
                    <dt className="font-medium">{d.label}</dt>
                    <dd className="min-w-0 font-mono break-all">{d.value}</dd>
                  </div>
                ))}
              </dl>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
