import type { DeletionWithSteps } from "@/db/queries/deletions";
import { serviceLabel } from "@/lib/domain/deletion";
import { LocalTime } from "@/components/portal/local-time";
import { RetryStepButton } from "./retry-step-button";

const tone: Record<string, string> = {
  done: "text-emerald-700 dark:text-emerald-400",
  failed: "text-red-700 dark:text-red-400",
  retrying: "text-amber-700 dark:text-amber-400",
  pending: "text-slate-500",
  running: "text-slate-500",
};

/** The deletion log: who, when, what, each service's result or its error in plain words, Retry for a failed step. */
export function DeletionLog({ deletions }: { deletions: DeletionWithSteps[] }) {
  if (deletions.length === 0) return <p className="text-slate-600 dark:text-slate-300">Nothing has been deleted yet.</p>;
  return (
    <ol className="space-y-4">
      {deletions.map((d) => (
        <li key={d.id} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-testid="deletion">
          <p className="mb-2">
            <strong>{d.title}</strong> ({d.mediaType === "movie" ? "movie" : "series"}) — deleted by {d.requestedBy},{" "}
            <LocalTime iso={d.createdAt.toISOString()} /> — <span className={tone[d.status]}>{d.status}</span>
          </p>
          <table className="w-full text-left text-sm">
            <tbody className="divide-y divide-slate-100 dark:divide-slate-900">
              {d.steps.map((s) => (
                <tr key={s.id}>
                  <td className="py-1 pr-3 whitespace-nowrap">{serviceLabel[s.service]}</td>
                  <td className="py-1 pr-3">{s.description}</td>
                  <td className={`py-1 pr-3 whitespace-nowrap ${tone[s.status]}`}>
                    {s.status}
                    {s.attempts > 1 ? ` (${s.attempts} attempts)` : ""}
                  </td>
                  <td className="py-1 pr-3">{s.error ?? s.result ?? ""}</td>
                  <td className="py-1">
                    {s.status === "failed" || s.status === "retrying" ? <RetryStepButton deletionId={d.id} stepId={s.id} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </li>
      ))}
    </ol>
  );
}
