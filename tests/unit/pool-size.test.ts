import { availableParallelism } from "node:os";
import { afterEach, expect, it } from "vitest";
import { defaultPoolSize, env, resetEnvForTests } from "@/lib/env";

const saved = process.env.DATABASE_POOL_SIZE;
afterEach(() => {
  if (saved === undefined) delete process.env.DATABASE_POOL_SIZE;
  else process.env.DATABASE_POOL_SIZE = saved;
  resetEnvForTests();
});

it("sizes the pool to the cores: twice them plus one, at most ten", () => {
  const table: [cores: number, pool: number][] = [
    [0, 3],
    [1, 3],
    [2, 5],
    [4, 9],
    [8, 10],
    [64, 10],
  ];
  for (const [cores, pool] of table) expect(defaultPoolSize(cores), `${cores} cores`).toBe(pool);
});

it("uses that size when DATABASE_POOL_SIZE is unset or empty, and the variable when it is set", () => {
  const machine = defaultPoolSize(availableParallelism());
  for (const [value, want] of [
    [undefined, machine],
    ["", machine],
    [" ", machine],
    ["12", 12],
  ] as const) {
    if (value === undefined) delete process.env.DATABASE_POOL_SIZE;
    else process.env.DATABASE_POOL_SIZE = value;
    resetEnvForTests();
    expect(env().DATABASE_POOL_SIZE, JSON.stringify(value)).toBe(want);
  }
  process.env.DATABASE_POOL_SIZE = "0";
  resetEnvForTests();
  expect(() => env()).toThrow(/DATABASE_POOL_SIZE/);
});
