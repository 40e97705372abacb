"use client";

import { useState } from "react";
import { stagePresentation } from "@/lib/domain/presentation";
import { formatPercent } from "@/lib/portal/format";
import type { PortalDownload, PortalEpisode } from "@/lib/requests/transfer";
import { Icon } from "./icon";
import { toneClasses } from "./stage-badge";

const code = (e: PortalEpisode) => `S${String(e.seasonNumber).padStart(2, "0")}E${String(e.episodeNumber).padStart(2, "0")}`;

/** One cell per episode, grouped by season; colour, icon and number together, details on hover or tap. */
export function EpisodeGrid({ episodes, downloads }: { episodes: PortalEpisode[]; downloads: PortalDownload[] }) {
  const [open, setOpen] = useState<string | null>(null);
  const progressByHash = new Map(downloads.map((d) => [d.hash, d]));
  const seasons = [...new Set(episodes.map((e) => e.seasonNumber))].sort((a, b) => a - b);
  const detail = (e: PortalEpisode) => {
    const d = e.downloadHash ? progressByHash.get(e.downloadHash) : undefined;
    const pct = d && (e.stage === "grabbing" || e.stage === "downloading") ? ` · ${formatPercent(d.progress)}` : "";
    return `${code(e)}${e.title ? ` “${e.title}”` : ""} · ${stagePresentation[e.stage].label}${pct}${e.airDate ? ` · ${e.stage === "not_aired" ? "airs" : "aired"} ${e.airDate.slice(0, 10)}` : ""}`;
  };
  const openEpisode = episodes.find((e) => code(e) === open);
  return (
    <div data-testid="episode-grid">
      {seasons.map((season) => (
        <section key={season} className="mb-3" aria-label={`Season ${season}`}>
          <h3 className="mb-1 text-sm font-semibold">Season {season}</h3>
          <ul className="flex flex-wrap gap-1.5">
            {episodes
              .filter((e) => e.seasonNumber === season)
              .map((e) => {
                const p = stagePresentation[e.stage];
                return (
                  <li key={code(e)}>
                    <button
                      type="button"
                      data-episode={code(e)}
                      data-stage={e.stage}
                      title={detail(e)}
                      aria-label={detail(e)}
                      aria-expanded={open === code(e)}
                      onClick={() => setOpen(open === code(e) ? null : code(e))}
                      className={`flex h-9 min-w-11 items-center justify-center gap-0.5 rounded px-1 text-xs font-semibold ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${toneClasses[p.tone]}`}
                    >
                      <Icon name={p.icon} className="size-3" />
                      {e.episodeNumber}
                    </button>
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
      <p aria-live="polite" className="min-h-5 text-sm text-slate-800 dark:text-slate-200">
        {openEpisode ? detail(openEpisode) : ""}
      </p>
    </div>
  );
}
