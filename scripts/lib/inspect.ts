import WebSocket from "ws";

/**
 * Memory of a Node process started with `--inspect=127.0.0.1:<port>`, read after a full garbage collection through
 * the inspector protocol: what the process retains, without the garbage of the work it just did.
 */
export async function memoryAfterGc(inspectPort: number): Promise<{ rss: number; heapUsed: number; external: number }> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error("no inspector target");
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  let nextId = 1;
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<{ result?: { result?: { value?: string } } }>((resolve) => {
      const id = nextId++;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as { id?: number };
        if (message.id !== id) return;
        socket.off("message", onMessage);
        resolve(message as { result?: { result?: { value?: string } } });
      };
      socket.on("message", onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    await send("HeapProfiler.enable");
    await send("HeapProfiler.collectGarbage");
    await send("HeapProfiler.collectGarbage");
    const answer = await send("Runtime.evaluate", { expression: "JSON.stringify(process.memoryUsage())", returnByValue: true });
    return JSON.parse(answer.result?.result?.value ?? "{}") as { rss: number; heapUsed: number; external: number };
  } finally {
    socket.close();
  }
}
