import { defineConfig } from "vitest/config";
import { availableParallelism } from "node:os";
import path from "node:path";

/**
 * Integration files whose assertions count what the process does in a time window (database writes per delivery):
 * other test files competing for the CPU change the count, so they run alone, after the parallel part.
 */
const alone = ["tests/integration/ingest-round-trips.test.ts"];

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // `server-only` throws outside a React server bundle; under vitest it is a no-op.
      "server-only": path.resolve(import.meta.dirname, "tests/helpers/empty.ts"),
    },
  },
  test: {
    // next-auth imports "next/server" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth"] } },
    // vitest's default is one worker per core but one: a single worker on two cores. Integration files mostly wait
    // (database round trips, child processes, loopback servers), so three keep two cores busy; measured on 2 cores,
    // the whole run took 211 s with 1 worker, 110 s with 2 and 90 s with 3 (4: no better). Larger machines keep the default.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    // Worker threads, not child processes: every test file still gets a fresh module graph (and its own copy of
    // process.env), without a Node process started per file. Measured on 2 cores: 159–180 s of CPU for the whole
    // run against 194 s with processes.
    pool: "threads",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      // Pure code only: no database, no network servers beyond loopback fakes started in-process.
      // Pure code keeps no state between files, so they share one module graph per worker: 7.6 s of CPU for the
      // unit files instead of 19 s, each re-importing the domain core.
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], isolate: false } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          exclude: alone,
          globalSetup: ["tests/helpers/postgres-cluster.ts"],
          setupFiles: ["tests/helpers/setup-db.ts"],
        },
      },
      // After everything else, one file at a time, as every file ran before the run was parallel.
      {
        extends: true,
        test: {
          name: "integration-alone",
          include: alone,
          globalSetup: ["tests/helpers/postgres-cluster.ts"],
          setupFiles: ["tests/helpers/setup-db.ts"],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
