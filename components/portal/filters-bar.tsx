"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { stagePresentation } from "@/lib/domain/presentation";
import { activeStages, filtersToParams, type ActiveFilters } from "@/lib/portal/filters";

type Props = { filters: ActiveFilters; requesters: string[]; canFilterMine: boolean };

const field =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";

/** Filters live in the URL: the server renders the filtered list, and a link or reload shows the same. */
export function FiltersBar({ filters, requesters, canFilterMine }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(filters.q);
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);

  const go = (next: ActiveFilters) => {
    const params = filtersToParams(next);
    const sort = new URLSearchParams(window.location.search).get("sort");
    if (sort) params.set("sort", sort);
    const query = params.toString();
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  };

  useEffect(
    () => () => {
      if (debounce.current) clearTimeout(debounce.current);
    },
    [],
  );

  const onSearch = (value: string) => {
    setQ(value);
    if (debounce.current) clearTimeout(debounce.current);
    debounce.current = setTimeout(() => go({ ...filters, q: value.trim() }), 300);
  };

  return (
    <search aria-label="Filter requests" className="mb-4 block">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          go({ ...filters, q: q.trim() });
        }}
        aria-busy={pending}
      >
        <label className="flex min-w-0 flex-1 basis-48 flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          Search
          <input type="search" name="q" value={q} onChange={(e) => onSearch(e.target.value)} placeholder="Title" className={field} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          Stage
          <select
            name="stage"
            value={filters.stages[0] ?? ""}
            onChange={(e) => go({ ...filters, stages: e.target.value ? [e.target.value as ActiveFilters["stages"][number]] : [] })}
            className={field}
          >
            <option value="">Any stage</option>
            {activeStages.map((s) => (
              <option key={s} value={s}>
                {stagePresentation[s].label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          Type
          <select
            name="type"
            value={filters.type ?? ""}
            onChange={(e) => go({ ...filters, type: e.target.value === "movie" || e.target.value === "tv" ? e.target.value : null })}
            className={field}
          >
            <option value="">Movies and TV</option>
            <option value="movie">Movies</option>
            <option value="tv">TV</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          Requested by
          <select
            name="requester"
            value={filters.requester ?? ""}
            onChange={(e) => go({ ...filters, requester: e.target.value || null })}
            className={field}
          >
            <option value="">Anyone</option>
            {requesters.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {canFilterMine ? (
          <label className="flex items-center gap-2 py-1.5 text-sm text-slate-800 dark:text-slate-200">
            <input
              type="checkbox"
              name="mine"
              checked={filters.mine}
              onChange={(e) => go({ ...filters, mine: e.target.checked })}
              className="size-4"
            />
            Only mine
          </label>
        ) : null}
      </form>
    </search>
  );
}
