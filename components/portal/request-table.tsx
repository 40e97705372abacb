"use client";

import type { SortingState } from "@tanstack/react-table";
import { stageRank } from "@/lib/domain/stages";
import type { PortalRequest } from "@/lib/requests/transfer";
import { RequestCard } from "./request-card";

export const sortableColumns = ["title", "type", "requester", "stage", "progress", "attention", "updated"] as const;
type SortColumn = (typeof sortableColumns)[number];

/**
 * What the wide-screen list can be sorted by. Text sorts A→Z first, everything else largest first. A plain
 * comparator rather than a table library: the active page's script budget has no room for one.
 */
const sortBy: Record<SortColumn, { label: string; firstDesc: boolean; key: (r: PortalRequest) => string | number }> = {
  title: { label: "Title", firstDesc: false, key: (r) => r.title.toLocaleLowerCase() },
  type: { label: "Type", firstDesc: false, key: (r) => r.mediaType },
  requester: { label: "Requested by", firstDesc: false, key: (r) => (r.requestedBy ?? "").toLocaleLowerCase() },
  stage: { label: "Stage", firstDesc: true, key: (r) => stageRank[r.stage] },
  progress: { label: "Progress", firstDesc: true, key: (r) => r.progress ?? -1 },
  attention: { label: "Attention", firstDesc: true, key: (r) => (r.attention ? 1 : 0) },
  updated: { label: "Updated", firstDesc: true, key: (r) => Date.parse(r.updatedAt) },
};

const isSortColumn = (id: string): id is SortColumn => (sortableColumns as readonly string[]).includes(id);

export function sortRequests(rows: readonly PortalRequest[], sorting: SortingState): PortalRequest[] {
  const first = sorting[0];
  if (!first || !isSortColumn(first.id)) return [...rows];
  const { key } = sortBy[first.id];
  const direction = first.desc ? -1 : 1;
  return rows
    .map((r, index) => ({ r, index, k: key(r) }))
    .sort((a, b) => {
      const order = typeof a.k === "string" && typeof b.k === "string" ? a.k.localeCompare(b.k) : Number(a.k) - Number(b.k);
      return order * direction || a.index - b.index;
    })
    .map((x) => x.r);
}

/** A click on the current column flips it; on another column it starts text A→Z, numbers largest first. */
function nextSorting(current: SortingState, column: SortColumn): SortingState {
  const active = current[0];
  if (active?.id === column) return [{ id: column, desc: !active.desc }];
  return [{ id: column, desc: sortBy[column].firstDesc }];
}

/** Cards on the first screen load their posters at once; the rest when scrolled near. */
const EAGER_CARDS = 12;

/** The wide-screen active list: a grid of poster cards under a sort bar (the sorting the URL records). */
export function RequestTable({
  rows,
  sorting,
  onSortingChange,
}: {
  rows: PortalRequest[];
  sorting: SortingState;
  onSortingChange: (s: SortingState) => void;
}) {
  const active = sorting[0];
  return (
    <div data-testid="request-table">
      <fieldset className="mb-4 flex flex-wrap items-center gap-1.5 text-caption">
        <legend className="float-left mr-1 text-ink-muted">Sort by</legend>
        {sortableColumns.map((column) => {
          const on = active?.id === column;
          return (
            <button
              key={column}
              type="button"
              aria-pressed={on}
              onClick={() => onSortingChange(nextSorting(sorting, column))}
              className={`inline-flex items-center gap-1 rounded-full border px-3 py-1 ${
                on ? "border-accent bg-accent text-on-accent" : "border-line-strong text-ink hover:bg-raised"
              }`}
            >
              {sortBy[column].label}
              {on ? <span className="sr-only">{active.desc ? ", descending" : ", ascending"}</span> : null}
              <span aria-hidden="true">{on ? (active.desc ? "▼" : "▲") : ""}</span>
            </button>
          );
        })}
      </fieldset>
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(10.5rem,1fr))] gap-4">
        {sortRequests(rows, sorting).map((r, i) => (
          <RequestCard key={r.id} r={r} eager={i < EAGER_CARDS} />
        ))}
      </ul>
    </div>
  );
}
