import { describe, expect, it } from "vitest";
import { household } from "../../scripts/demo/cast";
import type { Delivery, RunIds } from "../../scripts/demo/engine";
import { scenarios } from "../../scripts/demo/scenarios";
import { FakeJellyfin } from "../fakes/jellyfin";

/** The deliveries of every scenario of one demo batch, numbered as the demo numbers its runs. */
function batch(batchNo: number, firstUid: number): { name: string; trouble: boolean; sends: { at: number; d: Delivery }[] }[] {
  return scenarios.map((s, i) => {
    const ids: RunIds = { uid: firstUid + i, batch: batchNo };
    return { name: s.name, trouble: s.trouble, sends: s.steps(ids).flatMap((st) => (st.send ? [{ at: st.at, d: st.send }] : [])) };
  });
}

type Json = Record<string, unknown>;
const field = (d: Delivery, ...path: string[]) => path.reduce<unknown>((v, k) => (v as Json | undefined)?.[k], d.body);

describe("the demo's household", () => {
  it("asks for the requests: every member has some from the first batch on", () => {
    const requesters = batch(0, 100_000)
      .flatMap((s) => s.sends)
      .filter(({ d }) => d.source === "jellyseerr")
      .map(({ d }) => field(d, "request", "requestedBy_username"));
    expect(new Set(requesters)).toEqual(new Set(household.map((m) => m.name)));
  });

  it("grabs releases named after each title, with varied qualities and indexers", () => {
    const grabsOf = (n: number) =>
      batch(n, 100_000 + n * 20)
        .flatMap((s) => s.sends)
        .filter(({ d }) => (d.source === "radarr" || d.source === "sonarr") && field(d, "eventType") === "Grab");
    const release = ({ d }: { d: Delivery }) => String(field(d, "release", "releaseTitle"));
    const grabs = [0, 1, 2].flatMap(grabsOf);
    const titles = grabs.map(release);
    expect(titles.some((t) => /matrix/i.test(t))).toBe(false);
    // One batch never grabs the same release twice; the regular movie differs from batch to batch.
    expect(new Set(grabsOf(0).map(release)).size).toBe(grabsOf(0).length);
    expect(new Set([0, 1, 2].map((n) => release(grabsOf(n)[0]!))).size).toBe(3);
    expect(titles).toContain("Arrival.2016.1080p.WEB-DL.DDP5.1.H.264-FLUX");
    expect(new Set(grabs.map(({ d }) => field(d, "release", "indexer"))).size).toBeGreaterThan(2);
  });

  it("sorts each trouble case out later and names the next one differently, so they never pile up", () => {
    const first = batch(0, 100_000).filter((s) => s.trouble);
    const next = batch(4, 100_100).filter((s) => s.trouble);
    for (const [i, s] of first.entries()) {
      const subject = (b: typeof s) => b.sends.find(({ d }) => d.source === "jellyseerr")?.d.label;
      expect(subject(s), s.name).not.toBe(subject(next[i]!));
      // Whatever went wrong, the item ends in Jellyfin (by its webhook, or for the lost import, found by the sweep).
      if (s.name !== "lost-import") expect(s.sends.at(-1)?.d.source, s.name).toBe("jellyfin");
    }
  });

  it("can sign in to the simulated Jellyfin with the passwords the README lists", () => {
    const jellyfin = new FakeJellyfin("key");
    jellyfin.users = [...household];
    const signIn = (username: string, pw: string) =>
      jellyfin.handle({
        method: "POST",
        path: "/Users/AuthenticateByName",
        query: new URLSearchParams(),
        headers: {
          authorization: 'MediaBrowser Client="Status Tracker", Device="server", DeviceId="abc", Version="1.0"',
          "content-type": "application/json",
        },
        body: JSON.stringify({ Username: username, Pw: pw }),
      });
    expect(signIn("sam", "sam-demo")).toMatchObject({ status: 200, body: { User: { Name: "Sam", Policy: { IsAdministrator: false } } } });
    expect(signIn("sam", "wrong")?.status).toBe(401);
  });
});
