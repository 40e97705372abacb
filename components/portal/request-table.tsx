"use client";

import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
  useTable,
  type SortingState,
} from "@tanstack/react-table";
import { stageRank } from "@/lib/domain/stages";
import type { PortalRequest } from "@/lib/requests/transfer";
import { RequestCard } from "./request-card";

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { text: sortFn_text, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, PortalRequest>();

/** What the wide-screen list can be sorted by; each is a column of the sorted row model. */
const columns = helper.columns([
  helper.accessor((r) => r.title, { id: "title", header: "Title", sortFn: "text" }),
  helper.accessor((r) => r.mediaType, { id: "type", header: "Type", sortFn: "text" }),
  helper.accessor((r) => r.requestedBy ?? "", { id: "requester", header: "Requested by", sortFn: "text" }),
  helper.accessor((r) => stageRank[r.stage], { id: "stage", header: "Stage", sortFn: "basic" }),
  helper.accessor((r) => r.progress ?? -1, { id: "progress", header: "Progress", sortFn: "basic" }),
  helper.accessor((r) => (r.attention ? 1 : 0), { id: "attention", header: "Attention", sortFn: "basic" }),
  helper.accessor((r) => Date.parse(r.updatedAt), { id: "updated", header: "Updated", sortFn: "basic" }),
]);

export const sortableColumns = ["title", "type", "requester", "stage", "progress", "attention", "updated"] as const;

/** Cards on the first screen load their posters at once; the rest when scrolled near. */
const EAGER_CARDS = 12;

/**
 * The wide-screen active list: a grid of poster cards under a sort bar (the sorting the URL records). Arrow
 * keys are not needed here: Tab walks one link per card.
 */
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
    onSortingChange: (updater) => onSortingChange(typeof updater === "function" ? updater(sorting) : updater),
  });
  const [header] = table.getHeaderGroups();
  return (
    <div data-testid="request-table">
      <fieldset className="mb-4 flex flex-wrap items-center gap-1.5 text-caption">
        <legend className="float-left mr-1 text-ink-muted">Sort by</legend>
        {header?.headers.map((h) => {
          const sorted = h.column.getIsSorted();
          return (
            <button
              key={h.id}
              type="button"
              aria-pressed={sorted !== false}
              onClick={h.column.getToggleSortingHandler()}
              className={`inline-flex items-center gap-1 rounded-full border px-3 py-1 ${
                sorted ? "border-accent bg-accent text-on-accent" : "border-line-strong text-ink hover:bg-raised"
              }`}
            >
              <table.FlexRender header={h} />
              {sorted ? <span className="sr-only">{sorted === "asc" ? ", ascending" : ", descending"}</span> : null}
              <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}</span>
            </button>
          );
        })}
      </fieldset>
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-4 xl:grid-cols-[repeat(auto-fill,minmax(12.5rem,1fr))]">
        {table.getRowModel().rows.map((row, i) => (
          <RequestCard key={row.id} r={row.original} eager={i < EAGER_CARDS} />
        ))}
      </ul>
    </div>
  );
}
