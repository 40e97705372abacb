"use client";

import type { SortingState } from "@tanstack/react-table";
import { useCallback, useState } from "react";
import type { ActiveFilters } from "@/lib/portal/filters";
import { matchesFilters } from "@/lib/portal/filters";
import type { LiveUpdate } from "@/lib/live/types";
import type { PortalRequest } from "@/lib/requests/transfer";
import { useLiveUpdates } from "./live-provider";
import { RequestCard } from "./request-card";
import { RequestTable, sortableColumns } from "./request-table";

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

function parseSort(value: string | null): SortingState {
  const [id, dir] = (value ?? "").split(".");
  if (id && (sortableColumns as readonly string[]).includes(id)) return [{ id, desc: dir !== "asc" }];
  return [{ id: "updated", desc: true }];
}

/**
 * The active list, kept current by live updates: a changed request is replaced in place, a new one that
 * matches the filters is added, one that no longer matches leaves. Nothing reloads, so scroll and focus stay.
 */
export function ActiveRequests({ initial, seq, filters, viewerNames, sort, empty }: Props) {
  const [rows, setRows] = useState(initial);
  const [sorting, setSorting] = useState<SortingState>(() => parseSort(sort));

  const apply = useCallback(
    (u: LiveUpdate) => {
      const next = u.request;
      if (!next) return;
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

  const changeSorting = (s: SortingState) => {
    setSorting(s);
    // Sorting is a view of the loaded rows: the URL records it without asking the server again.
    const params = new URLSearchParams(window.location.search);
    const first = s[0];
    if (first) params.set("sort", `${first.id}.${first.desc ? "desc" : "asc"}`);
    else params.delete("sort");
    window.history.replaceState(null, "", `?${params.toString()}`);
  };

  if (rows.length === 0) return empty;
  return (
    <>
      <div className="hidden min-[641px]:block">
        <RequestTable rows={rows} sorting={sorting} onSortingChange={changeSorting} />
      </div>
      <ul className="flex flex-col gap-3 min-[641px]:hidden" data-testid="request-cards">
        {rows.map((r) => (
          <RequestCard key={r.id} r={r} />
        ))}
      </ul>
    </>
  );
}
