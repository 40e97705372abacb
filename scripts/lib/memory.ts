import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** Memory of a process and all its descendants (Linux /proc), for the benchmark scripts. */
export type TreeMemory = { rssMb: number; pssMb: number; aloneMb: number; processes: number };

function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // ended while reading
    }
  }
  return children;
}

const kb = (text: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);

/**
 * Three sums over the tree. RSS counts every page a process maps, so pages several processes share (PostgreSQL's
 * shared buffers, the binary, libraries) count once per process: it overstates a forking server. PSS divides each
 * shared page among all processes mapping it — machine-wide, so on a machine running other Node or PostgreSQL
 * processes from the same files it understates. "Alone" estimates what the tree holds by itself: per program
 * (processes running the same executable, e.g. the postmaster and its backends) the private pages of each process
 * plus the largest shared set once.
 */
export function treeMemory(pid: number): TreeMemory {
  const children = childrenByParent();
  let rss = 0;
  let pss = 0;
  let processes = 0;
  const programs = new Map<string, { privateKb: number; sharedKb: number }>();
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop() ?? 0;
    try {
      const rollup = readFileSync(`/proc/${current}/smaps_rollup`, "utf8");
      const exe = readlinkSync(`/proc/${current}/exe`);
      rss += kb(rollup, "Rss");
      pss += kb(rollup, "Pss");
      processes += 1;
      const program = programs.get(exe) ?? { privateKb: 0, sharedKb: 0 };
      program.privateKb += kb(rollup, "Private_Clean") + kb(rollup, "Private_Dirty");
      program.sharedKb = Math.max(program.sharedKb, kb(rollup, "Shared_Clean") + kb(rollup, "Shared_Dirty"));
      programs.set(exe, program);
    } catch {
      // gone
    }
    stack.push(...(children.get(current) ?? []));
  }
  const alone = [...programs.values()].reduce((sum, p) => sum + p.privateKb + p.sharedKb, 0);
  return { rssMb: rss / 1024, pssMb: pss / 1024, aloneMb: alone / 1024, processes };
}
