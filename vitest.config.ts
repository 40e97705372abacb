import { defineConfig } from "vitest/config";
import { availableParallelism } from "node:os";
import path from "node:path";

/**
 * Integration files whose assertions count what the process does in a time window (database writes per delivery):
 * other test files competing for the CPU change the count, so they run alone, after the parallel part.
 */
const alone = ["tests/integration/ingest-round-trips.test.ts"];

/**
 * Integration files that need a module graph of their own. The others share one per worker (tests/helpers/setup-db.ts
 * gives each file its own database, environment and process-wide singletons), which halves the CPU vitest spends:
 * measured on 2 cores, 182 s → 111 s for the integration files. These cannot: the Inngest test engine replays a run
 * after `execute` resolves, and a later run of the same function can pick up its result; the live hub and the
 * in-process scheduler hold connections and timers; one file mocks a module; one patches node's HTTP server.
 */
const ownModuleGraph = [
  "tests/integration/inngest-verify-*.test.ts",
  "tests/integration/live-*.test.ts",
  "tests/integration/recovery-webhooks-off.test.ts",
  "tests/integration/image-renders.test.ts",
  "tests/integration/webhooks-at-server.test.ts",
];
const integration = { globalSetup: ["tests/helpers/postgres-cluster.ts"], setupFiles: ["tests/helpers/setup-db.ts"] };

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
    // Worker threads, not child processes: an isolated test file still gets a fresh module graph (and its own copy
    // of process.env), without a Node process started per file. Measured on 2 cores: 159–180 s of CPU for the whole
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
          exclude: [...alone, ...ownModuleGraph],
          isolate: false,
          ...integration,
        },
      },
      { extends: true, test: { name: "integration-isolated", include: ownModuleGraph, ...integration } },
      // After everything else, one file at a time, as every file ran before the run was parallel.
      {
        extends: true,
        test: {
          name: "integration-alone",
          include: alone,
          ...integration,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
