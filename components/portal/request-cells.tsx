import { describeEpisodeCounts } from "@/lib/portal/format";
import type { PortalRequest } from "@/lib/requests/transfer";
import { AttentionNote } from "./attention-note";

/**
 * A plain anchor, not next/link: the link runtime would take a third of the active page's script budget, and a
 * fresh server render of a page on the LAN is as quick as a client transition (docs/design.md, "Budgets").
 */
export function TitleLink({ r }: { r: PortalRequest }) {
  return (
    <a
      href={`/requests/${r.id}`}
      data-row-link
      className="font-medium text-slate-900 underline-offset-2 hover:underline focus-visible:underline dark:text-slate-50"
    >
      {r.title}
      {r.year ? <span className="font-normal text-slate-600 dark:text-slate-400"> ({r.year})</span> : null}
    </a>
  );
}

export function EpisodeCounts({ r }: { r: PortalRequest }) {
  if (!r.episodeCounts) return null;
  return <span className="text-xs text-slate-700 dark:text-slate-300">{describeEpisodeCounts(r.episodeCounts, r.episodeListKnown !== false)}</span>;
}

export function Attention({ r }: { r: PortalRequest }) {
  if (!r.attention) return null;
  return <AttentionNote attention={r.attention} />;
}

export const typeLabel = { movie: "Movie", tv: "TV" } as const;
