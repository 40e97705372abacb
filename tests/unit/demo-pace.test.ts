import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../scripts/demo/engine";
import { MIN_PACE, demoPace, pacedAppSettings } from "../../scripts/demo/pace";
import { findScenario } from "../../scripts/demo/scenarios";
import { startSimulators, type Simulators } from "../fakes/stack";

/** DEMO_PACE: one time scale for the whole demo story (scripts/demo/pace.ts). */
describe("the demo's pace", () => {
  it("is 1 unless set, and then the demo sets the app's intervals it always did", () => {
    expect(demoPace(undefined)).toBe(1);
    expect(demoPace(" ")).toBe(1);
    expect(pacedAppSettings(1, {})).toEqual({ POLL_INTERVAL_SECONDS: "2", SWEEP_INTERVAL_SECONDS: "10", NOTIFY_BATCH_SECONDS: "30" });
  });

  it("shortens the app's intervals with the story, no further than the app accepts, and a value already set wins", () => {
    expect(pacedAppSettings(MIN_PACE, {})).toEqual({ POLL_INTERVAL_SECONDS: "1.5", SWEEP_INTERVAL_SECONDS: "10", NOTIFY_BATCH_SECONDS: "23" });
    expect(pacedAppSettings(2, {})).toEqual({ POLL_INTERVAL_SECONDS: "4", SWEEP_INTERVAL_SECONDS: "20", NOTIFY_BATCH_SECONDS: "60" });
    expect(pacedAppSettings(MIN_PACE, { SWEEP_INTERVAL_SECONDS: "60" }).SWEEP_INTERVAL_SECONDS).toBe("60");
  });

  it("refuses a pace at which trouble would be sorted out before the one-minute thresholds let it show", () => {
    expect(MIN_PACE).toBe(0.75);
    expect(demoPace(String(MIN_PACE))).toBe(MIN_PACE);
    expect(demoPace("2")).toBe(2);
    for (const bad of ["0.5", "0", "-1", "fast"]) expect(() => demoPace(bad), bad).toThrow(/DEMO_PACE must be a number of at least 0\.75/);
  });

  describe("played into the simulators", () => {
    let sim: Simulators;
    beforeAll(async () => {
      sim = await startSimulators();
    });
    afterAll(() => sim.close());

    // Every step at once (no waiting in a unit test), the world told the pace the run is played at.
    const play = async (name: string, uid: number, pace: number) => {
      const scenario = findScenario(name)!;
      const steps = scenario.steps({ uid, batch: 0 }).map((s) => ({ ...s, at: 0 }));
      await runScenario({ ...scenario, steps: () => steps }, { uid, batch: 0 }, { sim, deliver: async () => ({ status: 200, text: "" }), pace });
    };

    it("starts each download to take its demo time at that pace", async () => {
      const calls: number[] = [];
      const original = sim.qbit.add.bind(sim.qbit);
      sim.qbit.add = (t) => {
        calls.push(t.durationMs);
        return original(t);
      };
      await play("movie", 200_001, 1);
      await play("movie", 200_002, 0.5);
      await play("stalled", 200_003, 0.5);
      sim.qbit.add = original;
      // The regular movie downloads for 30 s of demo time; the stalled one for 40 s, and once the swarm is back
      // it finishes the remaining 77 % in 8 s.
      expect(calls).toEqual([30_000, 15_000, 20_000, 4_000 / (1 - 0.23)]);
    });
  });
});
