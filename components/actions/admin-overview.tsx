import Link from "next/link";
import { getDb } from "@/db/client";
import { latestLibrarySync } from "@/db/queries/library-syncs";
import { listOpenReports } from "@/db/queries/reports";
import { presentLibrarySync } from "@/lib/api/library-sync-schema";
import { LocalTime } from "@/components/portal/local-time";
import { LibrarySyncButton } from "./library-sync-button";
import { RefreshWhile } from "./refresh-while";

/** On the admin page: Sync library with its progress (n of N), open problem reports, links to deletions and tokens. */
export async function AdminOverview() {
  const db = await getDb();
  const [syncRow, reports] = await Promise.all([latestLibrarySync({ db }), listOpenReports({ db })]);
  const sync = syncRow ? presentLibrarySync(syncRow) : null;
  const running = sync?.status === "running";
  return (
    <section className="mb-8 space-y-6">
      <RefreshWhile active={running} />
      <div>
        <h2 className="mb-2 text-lg font-medium">Library</h2>
        <div className="flex flex-wrap items-center gap-3" data-testid="library-sync">
          <LibrarySyncButton running={running} />
          {sync ? (
            <span className="text-sm">
              {running
                ? `Importing ${sync.phaseLabel ?? ""}: ${sync.done} of ${sync.total}`
                : sync.status === "failed"
                  ? `The last sync failed: ${sync.error ?? "unknown error"}`
                  : `Last sync: ${sync.created} added, ${sync.updated} updated (${sync.done} of ${sync.total} items)`}
              {sync.finishedAt ? (
                <>
                  {" "}
                  — <LocalTime iso={sync.finishedAt} />
                </>
              ) : null}
            </span>
          ) : (
            <span className="text-sm">Never synced: import what Jellyfin, Jellyseerr and the queues already hold.</span>
          )}
          <Link href="/admin/deletions" className="text-sm underline">
            Deletions
          </Link>
          <Link href="/admin/tokens" className="text-sm underline">
            API tokens
          </Link>
          <a href="/api/docs" className="text-sm underline">
            API reference
          </a>
        </div>
      </div>
      <div>
        <h2 className="mb-2 text-lg font-medium">Reported problems</h2>
        {reports.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">No open reports.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {reports.map(({ report, title }) => (
              <li key={report.id}>
                <Link href={`/requests/${report.requestId}`} className="underline">
                  {title}
                </Link>{" "}
                — {report.author} (<LocalTime iso={report.createdAt.toISOString()} />
                ): {report.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
