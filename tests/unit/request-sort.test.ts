import { describe, expect, it } from "vitest";
import { sortRequests } from "@/components/portal/request-table";
import type { PortalRequest } from "@/lib/requests/transfer";

const row = (id: number, over: Partial<PortalRequest>): PortalRequest =>
  ({
    id,
    title: `T${id}`,
    mediaType: "movie",
    requestedBy: null,
    stage: "requested",
    progress: null,
    attention: null,
    updatedAt: "2026-01-01T00:00:00Z",
    ...over,
  }) as PortalRequest;

const rows = [
  row(1, { title: "beta", stage: "downloading", progress: 0.5, updatedAt: "2026-01-01T10:00:00Z" }),
  row(2, { title: "Alpha", stage: "requested", progress: null, updatedAt: "2026-01-01T12:00:00Z" }),
  row(3, { title: "gamma", stage: "available", progress: 0.9, updatedAt: "2026-01-01T11:00:00Z" }),
];

describe("sorting the wide-screen list", () => {
  it("orders by each column and direction, keeping ties in their given order", () => {
    const table: [string, boolean, number[]][] = [
      ["title", false, [2, 1, 3]],
      ["title", true, [3, 1, 2]],
      ["stage", true, [3, 1, 2]],
      ["progress", true, [3, 1, 2]],
      ["updated", true, [2, 3, 1]],
      ["type", false, [1, 2, 3]],
      ["nonsense", true, [1, 2, 3]],
    ];
    for (const [id, desc, ids] of table)
      expect(
        sortRequests(rows, [{ id, desc }]).map((r) => r.id),
        `${id} ${desc}`,
      ).toEqual(ids);
  });
});
