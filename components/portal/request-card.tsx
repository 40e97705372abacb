import type { PortalRequest } from "@/lib/requests/transfer";
import { LocalTime } from "./local-time";
import { Poster } from "./poster";
import { ProgressBar } from "./progress";
import { Attention, EpisodeCounts, TitleLink, typeLabel } from "./request-cells";
import { StageBadge } from "./stage-badge";

/**
 * One request as a poster card: a row with a thumbnail in the phone list, a poster on top in the desktop grid.
 * The title link covers the whole card, so a tap anywhere on it opens the request.
 */
export function RequestCard({ r, eager = false }: { r: PortalRequest; eager?: boolean }) {
  return (
    <li
      data-request-id={r.id}
      className="group relative flex min-w-0 gap-3 rounded-card border border-line bg-surface p-3 shadow-card transition-colors hover:border-line-strong min-[641px]:flex-col min-[641px]:gap-0 min-[641px]:overflow-hidden min-[641px]:p-0 [&_a[data-row-link]]:after:absolute [&_a[data-row-link]]:after:inset-0 [&_a[data-row-link]]:after:rounded-card [&_a[data-row-link]]:after:content-['']"
    >
      <Poster r={r} variant="card" eager={eager} className="w-16 min-[641px]:w-full min-[641px]:rounded-none" />
      <div className="flex min-w-0 flex-1 flex-col gap-1.5 min-[641px]:p-3">
        <div className="break-words text-body leading-snug">
          <TitleLink r={r} />
        </div>
        <p className="text-caption text-ink-muted">
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
