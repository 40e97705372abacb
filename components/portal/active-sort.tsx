"use client";

import { useId } from "react";
import { type ActiveSort, activeSortOptions, activeSortParam, parseActiveSort } from "@/lib/domain/active-order";

/** The list's order as a plain select: the same control on a phone as on a desktop (table headers are extra). */
export function ActiveSortSelect({ sort, onChange }: { sort: ActiveSort; onChange: (sort: ActiveSort) => void }) {
  const id = useId();
  // The label names only the control: wrapping the select would make every option's words part of its label.
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-xs font-medium text-slate-700 dark:text-slate-300">
        Sort by
      </label>
      <select
        id={id}
        name="sort"
        value={activeSortParam(sort)}
        onChange={(e) => onChange(parseActiveSort(e.target.value))}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
      >
        {activeSortOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
