import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { getDb } from "@/db/client";
import { latestTimelineSeq } from "@/db/queries/live";
import { getRequestDetail } from "@/db/queries/request-detail";
import { viewerScope } from "@/lib/auth/policy";
import { getViewer } from "@/lib/auth/viewer";
import { RequestDetail } from "@/components/portal/request-detail";
import { FollowButton } from "@/components/notify/follow-button";
import { isFollowing } from "@/db/queries/notify-follows";
import { env } from "@/lib/env";
import { presentDownload, presentEpisode, presentTimelineEvent } from "@/lib/requests/present";
import { presentPortalRequest } from "@/lib/requests/transfer";

type Props = { params: Promise<{ id: string }> };

// Cached per render: the metadata and the page share one read.
const load = cache(async (id: string) => {
  await connection();
  if (!/^\d{1,9}$/.test(id)) return null;
  const db = await getDb();
  // Read before the detail: live updates after this seq are replayed onto it.
  const seq = await latestTimelineSeq({ db });
  // Someone else's request under MEMBERS_SEE=own is shown as missing: its existence is not disclosed.
  const reader = await getViewer();
  const found = await getRequestDetail({ db, id: Number(id), scope: viewerScope(reader, env().MEMBERS_SEE) });
  if (!found || !reader) return null;
  const following = await isFollowing({ db, viewer: reader, requestId: found.request.id });
  return { seq, found, following };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load((await params).id);
  return { title: loaded ? loaded.found.request.title : "Not found" };
}

export default async function RequestPage({ params }: Props) {
  const loaded = await load((await params).id);
  if (!loaded) notFound();
  const { seq, found, following } = loaded;
  const initial = {
    request: presentPortalRequest(found.request, found.downloads),
    episodes: found.episodes.map(presentEpisode),
    downloads: found.downloads.map(presentDownload),
    timeline: found.timeline.map(presentTimelineEvent),
  };
  return (
    <>
      <div className="mb-2 flex justify-end">
        <FollowButton requestId={found.request.id} initiallyFollowing={following} />
      </div>
      <RequestDetail key={seq} initial={initial} seq={seq} jellyfinUrl={env().JELLYFIN_PUBLIC_URL ?? null} />
    </>
  );
}
