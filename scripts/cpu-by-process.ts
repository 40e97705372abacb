/**
 * Runs a command and says where the machine's CPU went meanwhile, by kind of process: every process's CPU time is
 * sampled from /proc once a second (Linux only), so processes that live less than a second are partly missed. On
 * two cores the halves of `npm test` are CPU-bound together, and this shows which part of the work to cut.
 *
 *   npm run bench:cpu -- npm test
 */
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const TICKS_PER_SECOND = 100;
const command = process.argv.slice(2);
if (command.length === 0) {
  console.error("usage: npm run bench:cpu -- <command> [args…]");
  process.exit(2);
}

function read(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** A process's kind: its program, the script a Node process runs, a browser process's type. */
function kindOf(pid: string): string | null {
  const raw = read(`/proc/${pid}/cmdline`);
  if (raw === null) return null;
  let args = raw.split("\0").filter(Boolean);
  // Browsers rewrite their command line into one string.
  if (args.length === 1 && args[0]?.includes(" ")) args = args[0].split(" ");
  const program = path.basename(args[0] ?? "") || (read(`/proc/${pid}/comm`)?.trim() ?? "?");
  if (program === "node" || program === "tsx") {
    const rest = args.slice(1).filter((a) => !a.startsWith("-"));
    const script = rest[0] ?? "";
    // `next build` and `next start` are different work.
    const command = path.basename(script) === "next" && rest[1] ? ` ${rest[1]}` : "";
    return `${program} ${script.split("/").slice(-2).join("/")}${command}`;
  }
  if (program.startsWith("chrom")) return `chromium ${args.find((a) => a.startsWith("--type="))?.slice(7) ?? "browser"}`;
  if (program.startsWith("postgres") || args[0]?.includes("postgres")) return "postgres";
  return program;
}

/** CPU ticks (user + system) of a process, from /proc/<pid>/stat. */
function ticksOf(pid: string): number | null {
  const stat = read(`/proc/${pid}/stat`);
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

const seen = new Map<string, { kind: string; ticks: number }>();
const totals = new Map<string, number>();
let first = true;

function sample(): void {
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    const ticks = ticksOf(pid);
    if (ticks === null) continue;
    const known = seen.get(pid);
    if (known) {
      totals.set(known.kind, (totals.get(known.kind) ?? 0) + ticks - known.ticks);
      known.ticks = ticks;
      continue;
    }
    const kind = kindOf(pid);
    if (kind === null) continue;
    seen.set(pid, { kind, ticks });
    // A process already running when the command started counts from now on; a new one from its start.
    if (!first) totals.set(kind, (totals.get(kind) ?? 0) + ticks);
  }
  first = false;
}

sample();
const timer = setInterval(sample, 1000);
const started = performance.now();
const child = spawn(command[0] ?? "", command.slice(1), { stdio: "inherit" });
child.on("close", (code) => {
  clearInterval(timer);
  sample();
  const wall = (performance.now() - started) / 1000;
  const rows = [...totals.entries()].map(([kind, ticks]) => ({ kind, seconds: ticks / TICKS_PER_SECOND })).sort((a, b) => b.seconds - a.seconds);
  const all = rows.reduce((sum, r) => sum + r.seconds, 0);
  console.log(`\n${command.join(" ")}: exit ${code}, ${wall.toFixed(0)} s wall, ${all.toFixed(0)} s of CPU on the machine meanwhile`);
  for (const r of rows.filter((row) => row.seconds >= 1)) console.log(`${r.seconds.toFixed(1).padStart(8)} s  ${r.kind}`);
  process.exit(code ?? 1);
});
