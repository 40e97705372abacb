import type { PortalRequest } from "@/lib/requests/transfer";
import { LocalTime } from "./local-time";
import { Poster } from "./poster";
import { ProgressBar } from "./progress";
import { Attention, EpisodeCounts, TitleLink, typeLabel } from "./request-cells";
import { StageBadge } from "./stage-badge";

/** The phone layout of one request: everything the table row says, stacked to fit 320 px. */
export function RequestCard({ r }: { r: PortalRequest }) {
  return (
    <li data-request-id={r.id} className="flex min-w-0 gap-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <Poster url={r.posterUrl} mediaType={r.mediaType} />
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        <div className="break-words">
          <TitleLink r={r} />
        </div>
        <p className="text-xs text-slate-700 dark:text-slate-300">
          {typeLabel[r.mediaType]}
          {r.requestedBy ? ` · ${r.requestedBy}` : ""} · <LocalTime iso={r.updatedAt} mode="relative" />
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <StageBadge stage={r.stage} />
          <Attention r={r} />
        </div>
        <EpisodeCounts r={r} />
        <ProgressBar request={r} />
      </div>
    </li>
  );
}
