"use client";

import { useCallback, useState } from "react";
import { stagePresentation } from "@/lib/domain/presentation";
import type { LiveUpdate } from "@/lib/live/types";
import { jellyfinItemUrl } from "@/lib/portal/links";
import type { PortalDownload, PortalEpisode, PortalRequest, PortalTimelineEntry } from "@/lib/requests/transfer";
import { AttentionBox } from "./attention-box";
import { AirDate, EpisodeGrid } from "./episode-grid";
import { Icon } from "./icon";
import { mergeDownloads, mergeEpisodes } from "./live-merge";
import { LocalTime } from "./local-time";
import { useLiveUpdates } from "./live-provider";
import { Poster } from "./poster";
import { ProgressBar } from "./progress";
import { EpisodeCounts } from "./request-cells";
import { RequestMeta } from "./request-meta";
import { StageBadge } from "./stage-badge";
import { Stepper } from "./stepper";
import { Timeline } from "./timeline";
import { collapseProgress } from "@/lib/domain/timeline";

export type DetailState = { request: PortalRequest; episodes: PortalEpisode[]; downloads: PortalDownload[]; timeline: PortalTimelineEntry[] };

type Props = { initial: DetailState; seq: number; jellyfinUrl: string | null };

function applyUpdate(state: DetailState, u: LiveUpdate): DetailState {
  if (state.timeline.some((t) => t.seq === u.seq)) return state;
  const timeline = collapseProgress([...state.timeline, u.entry].sort((a, b) => a.seq - b.seq));
  const fresher = u.request && Date.parse(u.request.updatedAt) >= Date.parse(state.request.updatedAt);
  return {
    request: fresher && u.request ? u.request : state.request,
    // Updates carry only what changed: merged in, even from an older summary, since each item is its current value.
    episodes: mergeEpisodes(state.episodes, u.episodes),
    downloads: mergeDownloads(state.downloads, u.downloads),
    timeline,
  };
}

/** When the next requested episode airs, and what an unknown episode list means. */
function EpisodeNotes({ episodes, listKnown }: { episodes: PortalEpisode[]; listKnown: boolean }) {
  const next = episodes
    .filter((e) => e.stage === "not_aired" && e.airDate)
    .map((e) => e.airDate as string)
    .sort()[0];
  return (
    <>
      {next ? (
        <p className="mb-2 text-sm text-slate-700 dark:text-slate-300" data-testid="next-airs">
          Next episode airs <AirDate airDate={next} />
        </p>
      ) : null}
      {listKnown ? null : (
        <p className="mb-2 text-sm text-slate-700 dark:text-slate-300" data-testid="episode-list-unknown">
          Only episodes seen so far are listed; connecting Sonarr gives the full season.
        </p>
      )}
    </>
  );
}

/** The detail page's live part: every update for this request lands in place. */
export function RequestDetail({ initial, seq, jellyfinUrl }: Props) {
  const [state, setState] = useState(initial);
  const id = initial.request.id;
  const onUpdate = useCallback(
    (u: LiveUpdate) => {
      if (u.entry.requestId === id) setState((s) => applyUpdate(s, u));
    },
    [id],
  );
  useLiveUpdates(seq, onUpdate);

  const { request: r, episodes, downloads, timeline } = state;
  const watchable = r.stage === "available" || r.stage === "partially_available" || (r.episodeCounts?.available ?? 0) > 0;
  const itemId = r.jellyfinItemId ?? episodes.find((e) => e.jellyfinItemId)?.jellyfinItemId ?? null;
  return (
    <article className="flex flex-col gap-8">
      <header className="relative isolate overflow-hidden rounded-card border border-line bg-surface" data-testid="detail-hero">
        <Poster r={r} variant="backdrop" eager className="absolute inset-0 -z-10 h-full opacity-60" />
        <div className="absolute inset-0 -z-10 bg-linear-to-t from-surface via-surface/85 to-surface/30" aria-hidden="true" />
        <div className="flex flex-col gap-5 p-4 pt-16 sm:flex-row sm:items-end sm:p-6 sm:pt-28">
          <Poster r={r} variant="poster" eager className="w-32 rounded-lg shadow-card ring-1 ring-line sm:w-48" />
          <div className="flex min-w-0 flex-col gap-2">
            <h1 className="text-display font-semibold tracking-tight break-words">
              {r.title}
              {r.year ? <span className="font-normal text-ink-muted"> ({r.year})</span> : null}
            </h1>
            <div className="flex flex-wrap items-center gap-2" data-testid="detail-stage">
              <StageBadge stage={r.stage} />
              <span className="text-body text-ink-muted">{stagePresentation[r.stage].description}</span>
              {r.removed ? (
                <span className="text-body text-ink-muted" data-testid="removed-by">
                  by {r.removed.by}, <LocalTime iso={r.removed.at} />
                </span>
              ) : null}
            </div>
            <EpisodeCounts r={r} />
            <ProgressBar request={r} />
            {watchable && jellyfinUrl && itemId ? (
              <a
                href={jellyfinItemUrl(jellyfinUrl, itemId)}
                data-testid="watch-link"
                className="mt-1 inline-flex w-fit items-center gap-2 rounded-md bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800"
              >
                <Icon name="play" />
                Watch in Jellyfin
              </a>
            ) : null}
          </div>
        </div>
      </header>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="flex min-w-0 flex-col gap-8">
          {r.attention ? <AttentionBox attention={r.attention} /> : null}
          <section aria-labelledby="steps-heading">
            <h2 id="steps-heading" className="mb-3 text-title font-semibold">
              Steps
            </h2>
            <Stepper stage={r.stage} isAnime={r.isAnime} stageTimes={r.stageTimes} createdAt={r.createdAt} />
          </section>
          {r.mediaType === "tv" ? (
            <section aria-labelledby="episodes-heading">
              <h2 id="episodes-heading" className="mb-3 text-title font-semibold">
                Episodes
              </h2>
              <EpisodeNotes episodes={episodes} listKnown={r.episodeListKnown === true} />
              {episodes.length > 0 ? (
                <EpisodeGrid episodes={episodes} downloads={downloads} />
              ) : (
                <p className="text-sm text-slate-700 dark:text-slate-300">No episodes are known yet: they appear once Sonarr picks a release.</p>
              )}
            </section>
          ) : null}
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="mb-3 text-title font-semibold">
              Timeline
            </h2>
            <Timeline entries={timeline} mediaType={r.mediaType} />
          </section>
        </div>
        <aside
          aria-label="About this request"
          className="flex flex-col gap-3 self-start rounded-card border border-line bg-surface p-4 lg:sticky lg:top-20"
        >
          <RequestMeta r={r} />
        </aside>
      </div>
    </article>
  );
}
