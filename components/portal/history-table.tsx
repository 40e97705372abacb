import type { PortalRequest } from "@/lib/requests/transfer";
import { formatDuration } from "@/lib/portal/format";
import { LocalTime } from "./local-time";
import { Poster } from "./poster";
import { TitleLink, typeLabel } from "./request-cells";
import { StageBadge } from "./stage-badge";

function timeToAvailable(r: PortalRequest): string {
  if (!r.availableAt) return "—";
  return formatDuration((Date.parse(r.availableAt) - Date.parse(r.createdAt)) / 1000);
}

/** Finished requests: a table on wide screens, the same rows as cards on phones. */
export function HistoryTable({ rows }: { rows: PortalRequest[] }) {
  return (
    <>
      <table className="hidden w-full border-collapse text-left text-sm min-[641px]:table">
        <thead className="border-b border-slate-300 text-xs text-slate-700 uppercase dark:border-slate-700 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-2 py-2">
              <span className="sr-only">Poster</span>
            </th>
            <th scope="col" className="px-2 py-2">
              Title
            </th>
            <th scope="col" className="px-2 py-2">
              Type
            </th>
            <th scope="col" className="px-2 py-2">
              Requested by
            </th>
            <th scope="col" className="px-2 py-2">
              Outcome
            </th>
            <th scope="col" className="px-2 py-2">
              Requested
            </th>
            <th scope="col" className="px-2 py-2">
              Time to available
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-slate-200 dark:border-slate-800">
              <td className="px-2 py-2">
                <Poster r={r} />
              </td>
              <td className="px-2 py-2">
                <TitleLink r={r} />
              </td>
              <td className="px-2 py-2">{typeLabel[r.mediaType]}</td>
              <td className="px-2 py-2">{r.requestedBy ?? "—"}</td>
              <td className="px-2 py-2">
                <StageBadge stage={r.stage} />
              </td>
              <td className="px-2 py-2">
                <LocalTime iso={r.createdAt} mode="date" />
              </td>
              <td className="px-2 py-2 tabular-nums">{timeToAvailable(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="flex flex-col gap-3 min-[641px]:hidden">
        {rows.map((r) => (
          <li key={r.id} className="flex min-w-0 gap-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
            <Poster r={r} />
            <div className="flex min-w-0 flex-col gap-1">
              <TitleLink r={r} />
              <p className="text-xs text-slate-700 dark:text-slate-300">
                {typeLabel[r.mediaType]}
                {r.requestedBy ? ` · ${r.requestedBy}` : ""} · <LocalTime iso={r.createdAt} mode="date" />
              </p>
              <div className="flex flex-wrap items-center gap-2 text-xs">
                <StageBadge stage={r.stage} />
                {r.availableAt ? <span>ready after {timeToAvailable(r)}</span> : null}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
