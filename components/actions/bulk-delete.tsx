"use client";

import { useState } from "react";
import { DeleteEverywhere } from "./delete-everywhere";
import { buttonClass } from "./post-json";

/** Bulk "Delete everywhere" from History: tick requests of this page, then the services, then confirm. */
export function BulkDelete({ rows }: { rows: { id: number; title: string; mediaType: "movie" | "tv" }[] }) {
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  if (rows.length === 0) return null;
  const types = new Set(rows.filter((r) => picked.has(r.id)).map((r) => r.mediaType));
  return (
    <section className="mt-6">
      <button type="button" className={buttonClass} onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        Delete several…
      </button>
      {open ? (
        <div className="mt-2">
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {rows.map((r) => (
              <li key={r.id}>
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={picked.has(r.id)}
                    onChange={() =>
                      setPicked((p) => {
                        const next = new Set(p);
                        if (next.has(r.id)) next.delete(r.id);
                        else next.add(r.id);
                        return next;
                      })
                    }
                  />
                  {r.title}
                </label>
              </li>
            ))}
          </ul>
          {picked.size > 0 ? (
            <DeleteEverywhere
              key={[...picked].join(",")}
              requestIds={[...picked]}
              mediaType={types.size === 1 && types.has("movie") ? "movie" : "mixed"}
            />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
