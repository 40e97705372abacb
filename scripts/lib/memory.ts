import { readdirSync, readFileSync } from "node:fs";

/** Memory of a process and all its descendants (Linux /proc), for the benchmark scripts. */
export type TreeMemory = { rssMb: number; pssMb: number; processes: number };

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
 * RSS counts every page a process maps, so shared pages (PostgreSQL's shared buffers, libraries) count once per
 * process; PSS divides each shared page among the processes that map it, so its sum is the tree's real share.
 */
export function treeMemory(pid: number): TreeMemory {
  const children = childrenByParent();
  let rss = 0;
  let pss = 0;
  let processes = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop() ?? 0;
    try {
      const rollup = readFileSync(`/proc/${current}/smaps_rollup`, "utf8");
      rss += kb(rollup, "Rss");
      pss += kb(rollup, "Pss");
      processes += 1;
    } catch {
      // gone
    }
    stack.push(...(children.get(current) ?? []));
  }
  return { rssMb: rss / 1024, pssMb: pss / 1024, processes };
}
