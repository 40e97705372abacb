import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listRequests } from "@/db/queries/request-list";
import { stagePresentation } from "@/lib/domain/presentation";

export default async function ActiveRequestsPage() {
  await connection();
  const { items } = await listRequests({ db: await getDb(), filters: {}, cursor: null, limit: 50 });
  return (
    <main className="mx-auto max-w-3xl p-4">
      <h1 className="mb-4 text-2xl font-semibold">Requests</h1>
      {items.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-300">No requests yet. Connect Jellyseerr, Sonarr and Radarr to start tracking.</p>
      ) : (
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {items.map((r) => (
            <li key={r.id} className="flex justify-between py-2">
              <span>
                {r.title} {r.year ? `(${r.year})` : ""}
              </span>
              <span>{stagePresentation[r.stage].label}</span>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
