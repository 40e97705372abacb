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
    <article className="flex flex-col gap-6">
      <div className="flex flex-col gap-4 sm:flex-row">
        <Poster url={r.posterUrl} mediaType={r.mediaType} size="lg" />
        <div className="flex min-w-0 flex-col gap-2">
          <h1 className="text-2xl font-semibold break-words">
            {r.title}
            {r.year ? <span className="font-normal text-slate-600 dark:text-slate-400"> ({r.year})</span> : null}
          </h1>
          <div className="flex flex-wrap items-center gap-2" data-testid="detail-stage">
            <StageBadge stage={r.stage} />
            <span className="text-sm text-slate-700 dark:text-slate-300">{stagePresentation[r.stage].description}</span>
            {r.removed ? (
              <span className="text-sm text-slate-700 dark:text-slate-300" data-testid="removed-by">
                by {r.removed.by}, <LocalTime iso={r.removed.at} />
              </span>
            ) : null}
          </div>
          <EpisodeCounts r={r} />
          <ProgressBar request={r} />
          <RequestMeta r={r} />
          {watchable && jellyfinUrl && itemId ? (
            <a
              href={jellyfinItemUrl(jellyfinUrl, itemId)}
              data-testid="watch-link"
              className="inline-flex w-fit items-center gap-2 rounded-md bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700"
            >
              <Icon name="play" />
              Watch in Jellyfin
            </a>
          ) : null}
        </div>
      </div>
      {r.attention ? <AttentionBox attention={r.attention} /> : null}
      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading" className="mb-3 text-lg font-semibold">
          Steps
        </h2>
        <Stepper stage={r.stage} isAnime={r.isAnime} stageTimes={r.stageTimes} createdAt={r.createdAt} />
      </section>
      {r.mediaType === "tv" ? (
        <section aria-labelledby="episodes-heading">
          <h2 id="episodes-heading" className="mb-3 text-lg font-semibold">
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
        <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
          Timeline
        </h2>
        <Timeline entries={timeline} mediaType={r.mediaType} />
      </section>
    </article>
  );
}
