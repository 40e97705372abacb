import { describe, expect, it } from "vitest";
import { taskSlots } from "@/lib/images/slots";

/** A task that runs until released from outside. */
function gate() {
  let open = () => {};
  const done = new Promise<void>((resolve) => (open = resolve));
  return { done, open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("taskSlots", () => {
  it("runs at most two at once, starts the waiting ones in order, and a late caller does not jump the queue", async () => {
    const slots = taskSlots(2);
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const task = (i: number) => async () => {
      started.push(i);
      running += 1;
      most = Math.max(most, running);
      await gates[i]?.done;
      running -= 1;
      return i;
    };
    const results = [0, 1, 2, 3].map((i) => slots.run(task(i)));
    await tick();
    expect(started).toEqual([0, 1]);
    expect(slots.load()).toEqual({ running: 2, waiting: 2 });

    gates[0]?.open();
    const late = slots.run(task(4)); // arrives as slot 0 is handed to task 2
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all([...results, late])).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(slots.load()).toEqual({ running: 0, waiting: 0 });
  });

  it("frees the slot of a task that fails", async () => {
    const slots = taskSlots(1);
    await expect(slots.run(async () => Promise.reject(new Error("broken picture")))).rejects.toThrow("broken picture");
    expect(await slots.run(async () => "next")).toBe("next");
    expect(slots.load()).toEqual({ running: 0, waiting: 0 });
  });
});
