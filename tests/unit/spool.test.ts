import { appendFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Spool, SpoolFullError, type SpooledDelivery } from "@/lib/ingest/spool";

const delivery = (n: number): SpooledDelivery => ({
  source: "sonarr",
  contentType: "application/json",
  receivedAt: new Date(n).toISOString(),
  body: Buffer.from(`{"n":${n}}`).toString("base64"),
});
const made: string[] = [];
const dir = () => {
  const where = mkdtempSync(path.join(tmpdir(), "spool-test-"));
  made.push(where);
  return where;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe("the delivery spool", () => {
  it("keeps concurrent appends, survives a reopen, and replays them in order exactly once", async () => {
    const where = dir();
    const spool = new Spool(where, 1024 * 1024);
    await Promise.all(Array.from({ length: 20 }, (_, i) => spool.append(delivery(i))));
    expect(spool.backlog().records).toBe(20);
    await spool.close();

    const reopened = new Spool(where, 1024 * 1024); // a restarted process
    await reopened.init();
    expect(reopened.backlog().records).toBe(20);
    const seen: number[] = [];
    expect(await reopened.replay(async (d) => void seen.push(new Date(d.receivedAt).getTime()))).toBe(20);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(20);
    expect(reopened.backlog()).toEqual({ records: 0, bytes: 0 });
    expect(await reopened.replay(async () => {})).toBe(0);
  });

  it("stops at the first delivery that cannot be applied and resumes there", async () => {
    const spool = new Spool(dir(), 1024 * 1024);
    for (let i = 0; i < 5; i += 1) await spool.append(delivery(i));
    const applied: number[] = [];
    const failAt = 2;
    await expect(
      spool.replay(async (d) => {
        const n = new Date(d.receivedAt).getTime();
        if (n === failAt && applied.length === failAt) throw new Error("database away");
        applied.push(n);
      }),
    ).rejects.toThrow("database away");
    expect(spool.backlog().records).toBe(5);
    await spool.append(delivery(5)); // arrived meanwhile: queued behind the rest
    await spool.replay(async (d) => void applied.push(new Date(d.receivedAt).getTime()));
    expect(applied).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("drops a line a crash cut short (never acknowledged) and refuses appends past its size", async () => {
    const where = dir();
    const first = new Spool(where, 1024 * 1024);
    await first.append(delivery(1));
    await first.close();
    appendFileSync(path.join(where, "current.spool"), '{"source":"sonarr","bo');
    const spool = new Spool(where, 1024 * 1024);
    await spool.append(delivery(2));
    const seen: string[] = [];
    await spool.replay(async (d) => void seen.push(d.receivedAt));
    expect(seen).toEqual([delivery(1).receivedAt, delivery(2).receivedAt]);
    expect(readdirSync(where)).toEqual([]);

    const small = new Spool(dir(), 1024 * 1024);
    const big: SpooledDelivery = { ...delivery(3), body: "x".repeat(700 * 1024) };
    await small.append(big);
    await expect(small.append(big)).rejects.toBeInstanceOf(SpoolFullError);
  });
});
