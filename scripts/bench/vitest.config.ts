import { defineConfig, mergeConfig } from "vitest/config";
import base from "../../vitest.config";

/** The benchmarks that need the test harness (fakes, a fresh database, @inngest/test): `npm run bench:recovery`. */
export default mergeConfig(base, defineConfig({ test: { include: ["scripts/bench/**/*.bench.ts"], testTimeout: 600_000, fileParallelism: false } }));
