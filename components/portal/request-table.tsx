"use client";

import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
  useTable,
  type SortingState,
} from "@tanstack/react-table";
import { stageRank } from "@/lib/domain/stages";
import type { PortalRequest } from "@/lib/requests/transfer";
import { LocalTime } from "./local-time";
import { Poster } from "./poster";
import { ProgressBar } from "./progress";
import { Attention, EpisodeCounts, TitleLink, typeLabel } from "./request-cells";
import { StageBadge } from "./stage-badge";

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, PortalRequest>();

const columns = helper.columns([
  helper.display({
    id: "poster",
    header: () => <span className="sr-only">Poster</span>,
    cell: ({ row }) => <Poster url={row.original.posterUrl} mediaType={row.original.mediaType} />,
  }),
  helper.accessor((r) => r.title, { id: "title", header: "Title", sortFn: "text", cell: ({ row }) => <TitleLink r={row.original} /> }),
  helper.accessor((r) => r.mediaType, { id: "type", header: "Type", sortFn: "text", cell: ({ row }) => typeLabel[row.original.mediaType] }),
  helper.accessor((r) => r.requestedBy ?? "", {
    id: "requester",
    header: "Requested by",
    sortFn: "text",
    cell: ({ row }) => row.original.requestedBy ?? "—",
  }),
  helper.accessor((r) => stageRank[r.stage], {
    id: "stage",
    header: "Stage",
    sortFn: "basic",
    cell: ({ row }) => (
      <div className="flex flex-col items-start gap-1">
        <StageBadge stage={row.original.stage} />
        <EpisodeCounts r={row.original} />
      </div>
    ),
  }),
  helper.accessor((r) => r.progress ?? -1, {
    id: "progress",
    header: "Progress",
    sortFn: "basic",
    cell: ({ row }) => <ProgressBar request={row.original} />,
  }),
  helper.accessor((r) => (r.attention ? 1 : 0), {
    id: "attention",
    header: "Attention",
    sortFn: "basic",
    cell: ({ row }) => <Attention r={row.original} />,
  }),
  helper.accessor((r) => Date.parse(r.updatedAt), {
    id: "updated",
    header: "Updated",
    sortFn: "basic",
    cell: ({ row }) => <LocalTime iso={row.original.updatedAt} mode="relative" />,
  }),
]);

export const sortableColumns = ["title", "type", "requester", "stage", "progress", "attention", "updated"] as const;

const ariaSort = { asc: "ascending", desc: "descending" } as const;

/** Arrow keys move between rows: Tab alone would walk through every link of every row. */
function moveRowFocus(event: React.KeyboardEvent<HTMLTableSectionElement>) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>("a[data-row-link]")];
  const index = links.findIndex((l) => l === document.activeElement || l.closest("tr")?.contains(document.activeElement));
  const next = links[index + (event.key === "ArrowDown" ? 1 : -1)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

export function RequestTable({
  rows,
  sorting,
  onSortingChange,
}: {
  rows: PortalRequest[];
  sorting: SortingState;
  onSortingChange: (s: SortingState) => void;
}) {
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (r) => String(r.id),
    state: { sorting },
    // Rows come ordered (attention pinned, a stable order live updates do not reshuffle); headers only choose.
    manualSorting: true,
    onSortingChange: (updater) => onSortingChange(typeof updater === "function" ? updater(sorting) : updater),
  });
  return (
    <table className="w-full border-collapse text-left text-sm" data-testid="request-table">
      <caption className="sr-only">Active requests. Column headers sort; arrow keys move between rows.</caption>
      <thead className="border-b border-slate-300 text-xs text-slate-700 uppercase dark:border-slate-700 dark:text-slate-300">
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              return (
                <th key={header.id} scope="col" className="px-2 py-2 font-semibold" aria-sort={sorted ? ariaSort[sorted] : undefined}>
                  {header.column.getCanSort() ? (
                    <button
                      type="button"
                      onClick={header.column.getToggleSortingHandler()}
                      className="inline-flex items-center gap-1 rounded uppercase hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                    >
                      <table.FlexRender header={header} />
                      <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                    </button>
                  ) : (
                    <table.FlexRender header={header} />
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody onKeyDown={moveRowFocus}>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-request-id={row.id} className="border-b border-slate-200 align-middle dark:border-slate-800">
            {row.getAllCells().map((cell) => (
              <td key={cell.id} className="px-2 py-2">
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
