/**
 * The test loop's wall times: `npm run test:unit`, `npm run test:integration` (with the slowest files) and, with
 * `--e2e`, the two halves of `npm test` (`vitest run`, then `playwright test`) each alone, then `npm test` itself
 * (both side by side), each run once as a developer runs it. Writes the "Test loop" section of docs/benchmarks.md, one table per database (DATABASE_URL's server, or the
 * embedded PostgreSQL).
 *
 *   npm run bench:tests [-- --e2e]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { writeSubsection } from "./lib/bench-doc";

const INTRO = [
  "`npm run bench:tests` (scripts/bench-tests.ts): wall time of each test script run once, and where the integration",
  "run spends its time (the slowest files, as vitest reports them; on 2 cores three files run at a time, so these",
  "overlap). With `--e2e` it also times the two halves of `npm test` alone, `vitest run` (unit and integration together) and",
  "`playwright test` (the build, then two lanes: the demo, and beside it the shared-server specs; the specs with servers",
  "of their own go to the lane that frees up first), and `npm test` itself, which runs the two side by side once Playwright's build is done. Targets on 2 cores: `test:unit` < 20 s, the whole",
  "`npm test` < 4 min. The floor is vitest starting and",
  "finding nothing to run.",
].join("\n");

type FileResult = { name: string; startTime: number; endTime: number; assertionResults: unknown[] };

function timed(args: string[], extraEnv: Record<string, string> = {}): { seconds: number; ok: boolean; output: string } {
  const started = performance.now();
  const run = spawnSync("npx", args, { encoding: "utf8", env: { ...process.env, ...extraEnv }, maxBuffer: 64 * 1024 * 1024 });
  return { seconds: (performance.now() - started) / 1000, ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

const sec = (v: number) => `${v.toFixed(1)} s`;

const dir = mkdtempSync(path.join(tmpdir(), "st-bench-tests-"));
try {
  const load = loadavg()[0]?.toFixed(2);
  const database = process.env.DATABASE_URL ? "PostgreSQL server (DATABASE_URL)" : "embedded PostgreSQL";
  const floor = timed(["vitest", "run", "--project", "unit", "--passWithNoTests", "tests/unit/no-such-file"]);
  const unit = timed(["vitest", "run", "--project", "unit"]);
  const report = path.join(dir, "integration.json");
  const integration = timed(["vitest", "run", "--project", "integration*", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]);
  const files = (JSON.parse(readFileSync(report, "utf8")) as { testResults: FileResult[] }).testResults
    .map((f) => ({ name: path.relative(process.cwd(), f.name), seconds: (f.endTime - f.startTime) / 1000, tests: f.assertionResults.length }))
    .sort((a, b) => b.seconds - a.seconds);
  const whole = process.argv.includes("--e2e");
  const vitest = whole ? timed(["vitest", "run"]) : null;
  const e2e = whole ? timed(["playwright", "test"]) : null;
  // npm test itself: the two halves side by side once the e2e build is done (scripts/test.mjs).
  const both = whole ? timed(["node", "scripts/test.mjs"]) : null;
  const status = (r: { ok: boolean }) => (r.ok ? "passed" : "**failed**");
  const lines = [
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}, load average at start ${load}; FUZZ_RUNS ${process.env.FUZZ_RUNS ?? "default (200)"}.`,
    "",
    "| command | wall time | result | target |",
    "|---|---|---|---|",
    `| \`npm run test:unit\` | ${sec(unit.seconds)} | ${status(unit)} | < 20 s |`,
    `| \`npm run test:integration\` (${files.length} files) | ${sec(integration.seconds)} | ${status(integration)} | |`,
    ...(vitest && e2e && both
      ? [
          `| \`vitest run\` (the first half of \`npm test\`) | ${sec(vitest.seconds)} | ${status(vitest)} | |`,
          `| \`npm run test:e2e\` (the second half) | ${sec(e2e.seconds)} | ${status(e2e)} | |`,
          `| the two halves one after the other | ${sec(vitest.seconds + e2e.seconds)} | ${status({ ok: vitest.ok && e2e.ok })} | |`,
          `| \`npm test\`: the two halves side by side | ${sec(both.seconds)} | ${status(both)} | < 4 min |`,
        ]
      : []),
    `| floor: vitest with nothing to run | ${sec(floor.seconds)} | | |`,
    "",
    "Slowest integration files:",
    "",
    "| file | tests | time |",
    "|---|---|---|",
    ...files.slice(0, 8).map((f) => `| ${f.name} | ${f.tests} | ${sec(f.seconds)} |`),
  ];
  console.log(lines.join("\n"));
  writeSubsection("docs/benchmarks.md", "Test loop", INTRO, database, lines.join("\n"));
  for (const [name, run] of [
    ["unit", unit],
    ["integration", integration],
    ["vitest", vitest],
    ["e2e", e2e],
  ] as const) {
    if (run && !run.ok) console.error(`\n${name} failed:\n${run.output.split("\n").slice(-80).join("\n")}`);
  }
  if (!unit.ok || !integration.ok || (vitest && !vitest.ok) || (e2e && !e2e.ok)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
