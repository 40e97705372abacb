import { connection } from "next/server";
import { getDb } from "@/db/client";
import { latestTimelineSeq } from "@/db/queries/live";
import { listRequesters } from "@/db/queries/portal";
import { listRequests } from "@/db/queries/request-list";
import { ActiveRequests } from "@/components/portal/active-requests";
import { FiltersBar } from "@/components/portal/filters-bar";
import { viewerScope } from "@/lib/auth/policy";
import { getViewer } from "@/lib/auth/viewer";
import { env } from "@/lib/env";
import { activeStages, hasFilters, parseActiveFilters } from "@/lib/portal/filters";
import { presentPortalRequest } from "@/lib/requests/transfer";

/** The server render stops here; filters reach the rest. Keeps the page fast with thousands of requests. */
const PAGE_LIMIT = 100;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ActiveRequestsPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const viewer = await getViewer();
  const parsed = parseActiveFilters(params);
  const filters = viewer ? parsed : { ...parsed, mine: false };
  const db = await getDb();
  // Read before the list: live updates after this seq are replayed onto it, so none falls in between.
  const seq = await latestTimelineSeq({ db });
  // Members under MEMBERS_SEE=own see only their requests; "mine" narrows to the same names for anyone.
  const scope = viewerScope(viewer, env().MEMBERS_SEE);
  const requesterAnyOf = filters.mine && viewer ? viewer.aliases : undefined;
  const requesterConflict = filters.mine && viewer && filters.requester && !viewer.aliases.includes(filters.requester.toLowerCase());
  const [page, requesters] = await Promise.all([
    requesterConflict
      ? { items: [], nextCursor: null }
      : listRequests({
          db,
          scope,
          filters: {
            stages: filters.stages.length > 0 ? filters.stages : [...activeStages],
            mediaType: filters.type ?? undefined,
            q: filters.q || undefined,
            requestedBy: filters.mine ? undefined : (filters.requester ?? undefined),
            requesterAnyOf,
          },
          cursor: null,
          limit: PAGE_LIMIT,
        }),
    listRequesters({ db, scope }),
  ]);
  const rows = page.items.map((r) => presentPortalRequest(r, r.downloads));
  const sort = typeof params.sort === "string" ? params.sort : null;
  const filtered = hasFilters(filters);

  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Active requests</h1>
      <FiltersBar filters={filters} requesters={requesters} canFilterMine={viewer !== null} />
      <ActiveRequests
        key={`${seq}:${JSON.stringify(filters)}`}
        initial={rows}
        seq={seq}
        filters={filters}
        viewerNames={viewer?.aliases ?? null}
        sort={sort}
        empty={
          <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700" data-testid="empty-state">
            <p className="text-lg font-medium">{filtered ? "Nothing matches these filters." : "Nothing on its way right now."}</p>
            <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
              {filtered
                ? "Clear a filter to see more. New requests that match appear here by themselves."
                : "Request something in Jellyseerr: it shows up here at once and moves along by itself until it is ready to watch."}
            </p>
          </div>
        }
      />
      {page.nextCursor ? (
        <p className="mt-4 text-sm text-slate-700 dark:text-slate-300">
          Showing the {PAGE_LIMIT} most recently updated requests. Use the filters to find others.
        </p>
      ) : null}
    </>
  );
}
