"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type ActiveSort, activeSortParam, freezeOrder, isNoticeableChange, orderActive, parseActiveSort } from "@/lib/domain/active-order";
import type { LiveUpdate } from "@/lib/live/types";
import type { ActiveFilters } from "@/lib/portal/filters";
import { matchesFilters } from "@/lib/portal/filters";
import type { PortalRequest } from "@/lib/requests/transfer";
import { ActiveSortSelect } from "./active-sort";
import { useLiveUpdates } from "./live-provider";
import { RequestCard } from "./request-card";
import { RequestTable } from "./request-table";

/**
 * Points out a row that changed where it stands: a short fade of its background (colour, not motion). Done on the
 * rendered row itself, so the table and the cards need nothing for it.
 */
function flashRow(id: number) {
  requestAnimationFrame(() => {
    for (const el of document.querySelectorAll<HTMLElement>(`[data-request-id="${id}"]`)) {
      el.dataset.changed = "true";
      el.animate([{ backgroundColor: "rgb(99 102 241 / 0.22)" }, { backgroundColor: "transparent" }], { duration: 2_000, easing: "ease-out" });
    }
  });
}

type Props = {
  initial: PortalRequest[];
  seq: number;
  filters: ActiveFilters;
  /** The signed-in viewer's names (lower-case aliases), for "mine". */
  viewerNames: readonly string[] | null;
  sort: string | null;
  /** Shown while the list is empty, and replaced as soon as a live update brings a row. */
  empty: React.ReactNode;
};

/**
 * The active list, kept current by live updates: a changed request is replaced where it stands, a new one
 * that matches the filters is added, one that no longer matches leaves. Requests that need attention are
 * pinned on top; the rest keep the chosen order, which live updates never reshuffle (see orderActive).
 */
export function ActiveRequests({ initial, seq, filters, viewerNames, sort: sortParam, empty }: Props) {
  const [rows, setRows] = useState(initial);
  const shown = useRef(rows);
  useEffect(() => {
    shown.current = rows;
  });
  const [sort, setSort] = useState<ActiveSort>(() => parseActiveSort(sortParam));
  // The order a volatile sort gave when it was chosen (or the page loaded); kept until the next choice.
  const [frozen, setFrozen] = useState(() => freezeOrder(initial, parseActiveSort(sortParam)));

  const apply = useCallback(
    (u: LiveUpdate) => {
      const next = u.request;
      if (!next) return;
      const before = shown.current.find((r) => r.id === next.id);
      if (before && Date.parse(before.updatedAt) <= Date.parse(next.updatedAt) && isNoticeableChange(before, next)) flashRow(next.id);
      setRows((current) => {
        const index = current.findIndex((r) => r.id === next.id);
        const prev = index >= 0 ? current[index] : undefined;
        if (prev && Date.parse(prev.updatedAt) > Date.parse(next.updatedAt)) return current;
        const keep = matchesFilters(next, filters, viewerNames, index >= 0);
        if (index >= 0) return keep ? current.map((r, i) => (i === index ? next : r)) : current.filter((_, i) => i !== index);
        return keep ? [next, ...current] : current;
      });
    },
    [filters, viewerNames],
  );
  useLiveUpdates(seq, apply);

  const ordered = useMemo(() => orderActive(rows, sort, frozen), [rows, sort, frozen]);

  const choose = (next: ActiveSort) => {
    setSort(next);
    setFrozen(freezeOrder(rows, next));
    // Sorting is a view of the loaded rows: the URL records it without asking the server again.
    const params = new URLSearchParams(window.location.search);
    params.set("sort", activeSortParam(next));
    window.history.replaceState(null, "", `?${params.toString()}`);
  };
  if (rows.length === 0) return empty;
  return (
    <>
      <div className="mb-3 flex justify-end">
        <ActiveSortSelect sort={sort} onChange={choose} />
      </div>
      <div className="hidden min-[641px]:block">
        <RequestTable rows={ordered} />
      </div>
      <ul className="flex flex-col gap-3 min-[641px]:hidden" data-testid="request-cards">
        {ordered.map((r) => (
          <RequestCard key={r.id} r={r} />
        ))}
      </ul>
    </>
  );
}
