"use client";

import type { PortalRequest } from "@/lib/requests/transfer";
import { RequestCard } from "./request-card";

/** Cards on the first screen load their posters at once; the rest when scrolled near. */
const EAGER_CARDS = 12;

/**
 * The wide-screen active list: a grid of poster cards in the order given (attention pinned, then the chosen sort,
 * which live updates do not reshuffle: lib/domain/active-order.ts). The sort control sits above it for every width.
 */
export function RequestTable({ rows }: { rows: PortalRequest[] }) {
  return (
    <div data-testid="request-table">
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(10.5rem,1fr))] gap-4">
        {rows.map((r, i) => (
          <RequestCard key={r.id} r={r} eager={i < EAGER_CARDS} />
        ))}
      </ul>
    </div>
  );
}
