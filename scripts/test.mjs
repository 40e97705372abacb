// npm test: the vitest projects and the Playwright suite, run side by side. Each of them spends much of its time
// waiting (database round trips, child processes, the demo's clock, a browser) and the two share nothing (vitest's
// databases, Playwright's server, database and ports are each their own), so on two cores the pair takes little more
// than the longer one instead of their sum. Each line is prefixed with its suite; the exit code fails if either does.
// vitest starts once Playwright's build is done (tests/e2e/serve.mjs touches E2E_BUILT_MARKER): every Playwright test
// waits for that build, while vitest has time to spare, so the build gets both cores first.
// A suite's failures are printed again at the very end, so the last screen of a log says what failed even though
// the other suite went on printing after it.
// `npm run test:unit`, `test:integration` and `test:e2e` run one part alone.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

const bin = (name) => path.join(process.cwd(), "node_modules", ".bin", name);
const markerDir = mkdtempSync(path.join(tmpdir(), "status-tracker-test-"));
const builtMarker = path.join(markerDir, "built");
const vitestSuite = { name: "vitest", command: bin("vitest"), args: ["run"] };
const e2eSuite = { name: "e2e", command: bin("playwright"), args: ["test"], env: { E2E_BUILT_MARKER: builtMarker } };

const width = Math.max(vitestSuite.name.length, e2eSuite.name.length);
// Where a suite's own account of its failures starts: vitest's "Failed Tests N" banner, Playwright's "  1) [project]".
const FAILURES_START = /Failed Tests \d+|^\s+1\) \[/;
const TAIL_LINES = 150;
const plain = (line) => line.replace(/\x1b\[[0-9;]*m/g, "");
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(0);

function run({ name, command, args, env = {} }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    const prefix = `[${name.padEnd(width)}] `;
    const lines = [];
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) => {
        lines.push(line);
        out.write(`${prefix}${line}\n`);
      });
    }
    child.on("error", (error) => {
      process.stderr.write(`${prefix}could not start: ${error.message}\n`);
      resolve({ name, code: 1, at: seconds(), lines });
    });
    child.on("close", (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), at: seconds(), lines }));
  });
}

/** The part of a failed suite's output that says what failed: from its failure banner on, or its last lines. */
function failureReport(lines) {
  const start = lines.findIndex((line) => FAILURES_START.test(plain(line)));
  return start >= 0 ? lines.slice(start) : lines.slice(-TAIL_LINES);
}

/** Resolves once the e2e build is done, or once its suite has ended without one (a failed build). */
async function built(e2eEnded) {
  let ended = false;
  e2eEnded.then(() => (ended = true));
  while (!ended && !existsSync(builtMarker)) await new Promise((resolve) => setTimeout(resolve, 250));
}

const e2eRun = run(e2eSuite);
await built(e2eRun);
console.log(`e2e build done after ${seconds()} s; vitest starts`);
const results = await Promise.all([run(vitestSuite), e2eRun]);
rmSync(markerDir, { recursive: true, force: true });
for (const r of results.filter((result) => result.code !== 0)) {
  console.log(`\n===== ${r.name} failed: its report again =====`);
  for (const line of failureReport(r.lines)) console.log(`[${r.name.padEnd(width)}] ${line}`);
}
for (const r of results) console.log(`${r.name}: ${r.code === 0 ? "passed" : `failed (exit ${r.code})`} after ${r.at} s`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
