import WebSocket from "ws";

/**
 * Heap snapshots of a Node process started with `--inspect`, summed per object kind, and the difference between two:
 * where the memory of N more idle clients goes (N of each kind per client point at what each one holds).
 */

export type HeapSummary = Map<string, { count: number; bytes: number }>;

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
};

/** Takes a snapshot after a full GC and sums it by `type:name` (constructor name for objects). */
export async function heapSummary(inspectPort: number): Promise<HeapSummary> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error("no inspector target");
  const socket = new WebSocket(url, { maxPayload: 1 << 30 });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  const chunks: string[] = [];
  let nextId = 1;
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<void>((resolve) => {
      const id = nextId++;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as { id?: number; method?: string; params?: { chunk?: string } };
        if (message.method === "HeapProfiler.addHeapSnapshotChunk") chunks.push(message.params?.chunk ?? "");
        if (message.id !== id) return;
        socket.off("message", onMessage);
        resolve();
      };
      socket.on("message", onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    await send("HeapProfiler.enable");
    await send("HeapProfiler.collectGarbage");
    await send("HeapProfiler.takeHeapSnapshot", { reportProgress: false, captureNumericValue: false });
  } finally {
    socket.close();
  }
  return summarise(JSON.parse(chunks.join("")) as Snapshot);
}

function summarise(s: Snapshot): HeapSummary {
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const out: HeapSummary = new Map();
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + typeAt] ?? 0] ?? "?";
    const rawName =
      type === "string" || type === "concatenated string" || type === "sliced string" ? "" : (s.strings[s.nodes[i + nameAt] ?? 0] ?? "");
    const key = `${type}:${rawName.slice(0, 60)}`;
    const entry = out.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += s.nodes[i + sizeAt] ?? 0;
    out.set(key, entry);
  }
  return out;
}

/** The kinds that grew most from `before` to `after`, per client. */
export function heapGrowth(before: HeapSummary, after: HeapSummary, clients: number, top = 40): string[] {
  const rows: { key: string; count: number; bytes: number }[] = [];
  for (const [key, a] of after) {
    const b = before.get(key) ?? { count: 0, bytes: 0 };
    rows.push({ key, count: a.count - b.count, bytes: a.bytes - b.bytes });
  }
  rows.sort((x, y) => y.bytes - x.bytes);
  const total = rows.reduce((sum, r) => sum + r.bytes, 0);
  const lines = [`total ${(total / clients / 1024).toFixed(1)} kB per client`];
  for (const r of rows.slice(0, top))
    lines.push(`${(r.bytes / clients).toFixed(0).padStart(7)} B  ${(r.count / clients).toFixed(2).padStart(6)}×  ${r.key}`);
  return lines;
}
