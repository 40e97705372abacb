import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { parkedSignals } from "@/db/schema";
import { resetTables } from "../helpers/db";
import { flowState } from "../helpers/flow-state";
import { buildFlow, finalStage, flowKinds, shuffled, type Delivery, type Flow } from "../helpers/flows";
import { postWebhook } from "../helpers/webhooks";

beforeEach(resetTables);

async function post(d: Delivery) {
  const res = await postWebhook(d.source, null, { raw: d.body, contentType: d.contentType });
  expect(res.status, `${d.source}: ${JSON.stringify(res.json)}`).toBe(200);
  return res.json;
}

async function run(flow: Flow, order: Delivery[], concurrent = false) {
  await resetTables();
  if (concurrent) await Promise.all(order.map(post));
  else for (const d of order) await post(d);
  return flowState(await getDb(), flow);
}

const orders: [string, (d: Delivery[]) => Delivery[], boolean?][] = [
  ["reversed", (d) => [...d].reverse()],
  ["each delivered twice", (d) => d.flatMap((x) => [x, x])],
  ["interleaved", (d) => shuffled(d, 1)],
  ["all at once", (d) => d, true],
];

describe("any order of a flow's deliveries ends as the in-order flow", () => {
  for (const kind of flowKinds) {
    it(`${kind}: reversed, duplicated, interleaved and concurrent orders`, async () => {
      const flow = buildFlow(kind, 1);
      const inOrder = await run(flow, flow.deliveries);
      expect(inOrder).toHaveLength(1);
      expect(inOrder[0]?.stage).toBe(finalStage(kind));
      for (const [name, reorder, concurrent] of orders) {
        expect(await run(flow, reorder(flow.deliveries), concurrent), `${kind}, ${name}`).toEqual(inOrder);
      }
    }, 120_000);
  }
});

describe("an early Jellyfin item", () => {
  it("is parked with its delivery and applied in the transaction that creates its request", async () => {
    const flow = buildFlow("movie", 2);
    const item = flow.deliveries.at(-1)!;
    expect(await post(item)).toMatchObject({ applied: [], parked: 1 });
    const db = await getDb();
    expect(await db.select().from(parkedSignals)).toMatchObject([
      { status: "parked", source: "jellyfin", summary: expect.stringContaining("movie") },
    ]);
    const answer = await post(flow.deliveries[4]!); // Radarr's import
    expect(answer.applied).toEqual(expect.arrayContaining([expect.objectContaining({ event: "library.item_added", stage: "available" })]));
    expect(await db.select().from(parkedSignals)).toMatchObject([{ status: "applied" }]);
  });
});
