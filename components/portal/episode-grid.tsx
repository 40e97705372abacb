"use client";

import { useState } from "react";
import { formatEta } from "@/lib/domain/durations";
import {
  airDateInstant,
  type ChipLook,
  chipLook,
  chipPercent,
  chipText,
  episodeCode,
  legendStages,
  seasonSegments,
  stageCounts,
} from "@/lib/domain/episode-grid";
import { type StageTone, stagePresentation } from "@/lib/domain/presentation";
import { describeEpisodeCounts } from "@/lib/portal/format";
import type { PortalDownload, PortalEpisode } from "@/lib/requests/transfer";
import { Icon } from "./icon";
import { useHydrated } from "./local-time";
import { toneClasses } from "./stage-badge";

/** Unaired chips are dashed, unmonitored ones dotted: told apart by more than colour, as the legend shows. */
const lookClasses: Record<ChipLook, string> = {
  solid: "ring-1 ring-inset",
  dashed: "border border-dashed border-current",
  faded: "border border-dotted border-current",
};

/** The stage's colour as a solid fill, for the season bar. */
const barFill: Record<StageTone, string> = {
  neutral: "bg-slate-400 dark:bg-slate-500",
  info: "bg-sky-500 dark:bg-sky-400",
  progress: "bg-indigo-600 dark:bg-indigo-400",
  success: "bg-emerald-600 dark:bg-emerald-400",
  warning: "bg-amber-500 dark:bg-amber-400",
  danger: "bg-rose-600 dark:bg-rose-400",
};

/** An air date in the viewer's language, kept on one line; empty until hydrated so server and browser agree. */
export function AirDate({ airDate }: { airDate: string | null }) {
  const hydrated = useHydrated();
  const instant = airDateInstant(airDate);
  if (!instant) return null;
  const text = hydrated
    ? new Date(instant.iso).toLocaleDateString(undefined, { dateStyle: "medium", ...(instant.calendarDay ? { timeZone: "UTC" } : {}) })
    : "";
  return (
    <time dateTime={airDate ?? undefined} className="whitespace-nowrap" suppressHydrationWarning>
      {text}
    </time>
  );
}

function Legend({ episodes }: { episodes: PortalEpisode[] }) {
  return (
    <ul className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300" aria-label="Legend" data-testid="episode-legend">
      {legendStages(episodes).map((stage) => {
        const p = stagePresentation[stage];
        return (
          <li key={stage} className="flex items-center gap-1.5" data-stage={stage}>
            <span
              className={`flex size-5 items-center justify-center rounded ${lookClasses[chipLook[stage]]} ${toneClasses[p.tone]}`}
              aria-hidden="true"
            >
              <Icon name={p.icon} className="size-3" />
            </span>
            {p.label}
          </li>
        );
      })}
    </ul>
  );
}

function SeasonSummary({ season, episodes }: { season: number; episodes: PortalEpisode[] }) {
  const segments = seasonSegments(episodes);
  return (
    <div className="mb-2" data-testid={`season-summary-${season}`}>
      <p className="text-xs text-slate-700 dark:text-slate-300">{describeEpisodeCounts(stageCounts(episodes))}</p>
      <div className="mt-1 flex h-2 w-full max-w-md overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800" aria-hidden="true">
        {segments.map((s) => (
          <div key={s.stage} className={barFill[stagePresentation[s.stage].tone]} style={{ width: `${s.share * 100}%` }} />
        ))}
      </div>
    </div>
  );
}

/** One chip per episode, grouped by season, with a legend, a summary bar per season and details on tap. */
export function EpisodeGrid({ episodes, downloads }: { episodes: PortalEpisode[]; downloads: PortalDownload[] }) {
  const [open, setOpen] = useState<string | null>(null);
  const byHash = new Map(downloads.map((d) => [d.hash, d]));
  const download = (e: PortalEpisode) => (e.downloadHash ? byHash.get(e.downloadHash) : undefined);
  const seasons = [...new Set(episodes.map((e) => e.seasonNumber))].sort((a, b) => a - b);
  const openEpisode = episodes.find((e) => episodeCode(e) === open);
  const openDownload = openEpisode ? download(openEpisode) : undefined;
  const openPercent = openEpisode ? chipPercent(openEpisode, openDownload?.progress) : null;
  const openEta = openPercent === null ? null : formatEta(openDownload?.etaSeconds);

  return (
    <div data-testid="episode-grid">
      <Legend episodes={episodes} />
      {seasons.map((season) => {
        const own = episodes.filter((e) => e.seasonNumber === season);
        return (
          <section key={season} className="mb-4" aria-labelledby={`season-${season}`}>
            <h3 id={`season-${season}`} className="text-sm font-semibold">
              Season {season}
            </h3>
            <SeasonSummary season={season} episodes={own} />
            <ul className="flex flex-wrap gap-1.5">
              {own.map((e) => {
                const p = stagePresentation[e.stage];
                const code = episodeCode(e);
                const percent = chipPercent(e, download(e)?.progress);
                return (
                  <li key={code}>
                    <button
                      type="button"
                      data-episode={code}
                      data-stage={e.stage}
                      aria-expanded={open === code}
                      aria-controls="episode-detail"
                      onClick={() => setOpen(open === code ? null : code)}
                      className={`flex h-9 min-w-11 items-center justify-center gap-1 rounded px-1.5 text-xs font-semibold tabular-nums focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${lookClasses[chipLook[e.stage]]} ${toneClasses[p.tone]}`}
                    >
                      <Icon name={p.icon} className="size-3" />
                      <span aria-hidden="true">{e.episodeNumber}</span>
                      {percent === null ? null : (
                        <span aria-hidden="true" className="font-normal" data-testid="chip-percent">
                          {percent}%
                        </span>
                      )}
                      <span className="sr-only">{chipText(e, percent)}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      <p id="episode-detail" aria-live="polite" className="min-h-5 text-sm text-slate-800 dark:text-slate-200" data-testid="episode-detail">
        {openEpisode ? (
          <>
            <span className="font-semibold">{episodeCode(openEpisode)}</span>
            {openEpisode.title ? ` “${openEpisode.title}”` : ""} · {stagePresentation[openEpisode.stage].label}
            {openPercent === null ? "" : ` · ${openPercent} %`}
            {openEta ? ` · ${openEta}` : ""}
            {openEpisode.airDate ? (
              <>
                {" · "}
                {openEpisode.stage === "not_aired" ? "airs" : "aired"} <AirDate airDate={openEpisode.airDate} />
              </>
            ) : null}
          </>
        ) : null}
      </p>
    </div>
  );
}
