import type { PortalRequest } from "@/lib/requests/transfer";
import { formatEta } from "@/lib/domain/durations";
import { formatPercent, formatSpeed } from "@/lib/portal/format";

/** Size-weighted progress with speed and ETA, shown only while something downloads. */
export function ProgressBar({ request }: { request: Pick<PortalRequest, "progress" | "transfer" | "title"> }) {
  if (request.progress === null) return null;
  const speed = formatSpeed(request.transfer?.speed ?? null);
  const eta = formatEta(request.transfer?.etaSeconds);
  return (
    <div className="min-w-32">
      <div
        role="progressbar"
        aria-label={`${request.title} download progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.floor(request.progress * 100)}
        className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div className="h-full rounded-full bg-indigo-600 dark:bg-indigo-400" style={{ width: `${Math.round(request.progress * 100)}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-700 tabular-nums dark:text-slate-300">
        {formatPercent(request.progress)}
        {speed ? ` · ${speed}` : ""}
        {eta ? ` · ${eta}` : ""}
      </p>
    </div>
  );
}
