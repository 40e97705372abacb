import { describe, expect, it } from "vitest";
import { raiseAttention, type Attention, type AttentionFinding } from "@/lib/domain/attention";

const t0 = new Date("2026-01-01T00:00:00Z");
const t1 = new Date("2026-01-01T01:00:00Z");
const sonarrSays: Attention = {
  kind: "import_blocked",
  reason: "Import blocked: One or more episodes expected in this release were not imported",
  since: t0,
  stage: "downloaded",
  specific: true,
};
const generic: Attention = {
  kind: "import_blocked",
  reason: "Not imported: the download finished, but Sonarr has not imported it",
  since: t0,
  stage: "downloaded",
  specific: false,
};
const find = (a: Attention): AttentionFinding => ({ kind: a.kind, reason: a.reason, specific: a.specific });

describe("raiseAttention: one attention per cause, repeats change nothing, specific beats generic", () => {
  const cases: { name: string; current: Attention | null; finding: AttentionFinding; want: "unchanged" | Partial<Attention> }[] = [
    { name: "a first finding is raised now", current: null, finding: find(generic), want: { reason: generic.reason, since: t1 } },
    { name: "the same finding again changes nothing", current: generic, finding: find(generic), want: "unchanged" },
    { name: "the same specific finding again changes nothing", current: sonarrSays, finding: find(sonarrSays), want: "unchanged" },
    { name: "a generic guess never replaces the upstream's own words", current: sonarrSays, finding: find(generic), want: "unchanged" },
    {
      name: "the upstream's own words replace a generic guess, keeping since",
      current: generic,
      finding: find(sonarrSays),
      want: { reason: sonarrSays.reason, since: t0, specific: true },
    },
    {
      name: "a new specific reason for the same cause keeps since",
      current: sonarrSays,
      finding: { ...find(sonarrSays), reason: "Import blocked: sample file" },
      want: { since: t0 },
    },
    {
      name: "a different cause starts its own since",
      current: generic,
      finding: { kind: "stalled", reason: "Stalled: no seeds", specific: true },
      want: { kind: "stalled", since: t1 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = raiseAttention(c.current, c.finding, "downloaded", t1);
      if (c.want === "unchanged") expect(got).toBeNull();
      else expect(got).toMatchObject(c.want);
    });
  }
});
