"use client";

import { type ActiveSort, activeSortOptions, activeSortParam, parseActiveSort } from "@/lib/domain/active-order";

/** The list's order as a plain select: the same control on a phone as on a desktop (table headers are extra). */
export function ActiveSortSelect({ sort, onChange }: { sort: ActiveSort; onChange: (sort: ActiveSort) => void }) {
  return (
    <label className="flex items-center gap-2 text-xs font-medium text-slate-700 dark:text-slate-300">
      Sort by
      <select
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
    </label>
  );
}
