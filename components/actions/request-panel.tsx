import { getDb } from "@/db/client";
import { getRequestRow } from "@/db/queries/request-actions";
import { listReportsForRequest } from "@/db/queries/reports";
import { getViewer } from "@/lib/auth/viewer";
import { LocalTime } from "@/components/portal/local-time";
import { RequestActions } from "./request-actions";

/** Below a request's detail: why it was closed, the members' reports, and the actions the viewer may take. */
export async function RequestPanel({ requestId }: { requestId: number }) {
  const viewer = await getViewer();
  const db = await getDb();
  const [row, reports] = await Promise.all([getRequestRow({ db, id: requestId }), listReportsForRequest({ db, requestId })]);
  if (!viewer || !row) return null;
  const isAdmin = viewer.role === "admin";
  return (
    <div className="mx-auto max-w-5xl px-4 pb-8">
      {row.closedKind && row.closedAt ? (
        <p className="mt-4 rounded border border-slate-200 p-3 text-sm dark:border-slate-800">
          {row.closedKind === "done" ? "Marked as done" : "Dismissed"} by {row.closedBy ?? "an admin"} (<LocalTime iso={row.closedAt.toISOString()} />
          ): {row.closedReason}
        </p>
      ) : null}
      {reports.length > 0 ? (
        <section aria-labelledby="reports-heading" className="mt-4">
          <h2 id="reports-heading" className="mb-2 text-lg font-medium">
            Reported problems
          </h2>
          <ul className="space-y-1 text-sm">
            {reports.map((r) => (
              <li key={r.id} className={r.resolvedAt ? "text-slate-500 line-through" : ""}>
                <strong>{r.author}</strong> (<LocalTime iso={r.createdAt.toISOString()} />
                ): {r.message}
                {r.resolvedAt ? ` — resolved by ${r.resolvedBy ?? "an admin"}` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <RequestActions requestId={row.id} isAdmin={isAdmin} mediaType={row.mediaType} title={row.title} />
    </div>
  );
}
