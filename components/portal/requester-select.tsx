"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** Changing the requester starts again at the first page of the current tab. */
export function RequesterSelect({ requesters, value }: { requesters: string[]; value: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
      Requested by
      <select
        value={value}
        onChange={(e) => {
          const p = new URLSearchParams(search.toString());
          p.delete("cursor");
          if (e.target.value) p.set("requester", e.target.value);
          else p.delete("requester");
          router.replace(`${pathname}?${p.toString()}`, { scroll: false });
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
      >
        <option value="">Anyone</option>
        {requesters.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
