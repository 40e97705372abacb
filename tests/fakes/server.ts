import { createServer, type IncomingMessage, type Server } from "node:http";

export type FakeRequest = { method: string; path: string; query: URLSearchParams; headers: IncomingMessage["headers"]; body: string };
export type FakeResponse = { status: number; body?: unknown; headers?: Record<string, string> };
export type FakeHandler = (req: FakeRequest) => FakeResponse | undefined;

/** A loopback HTTP server that answers like an upstream service; every request is kept for assertions. */
export async function startFake(
  handler: FakeHandler,
  options: { record?: boolean } = {},
): Promise<{ url: string; calls: FakeRequest[]; close(): Promise<void> }> {
  const calls: FakeRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const request: FakeRequest = {
        method: req.method ?? "GET",
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      // A long-running demo does not keep every request; tests do, to assert on them.
      if (options.record !== false) calls.push(request);
      const answer = handler(request) ?? { status: 404, body: "Not Found" };
      const text = answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      const type = typeof answer.body === "string" ? "text/plain" : "application/json; charset=utf-8";
      res.writeHead(answer.status, { "content-type": type, ...answer.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function page<T>(records: T[], query: URLSearchParams, defaultSize = 10) {
  const pageNo = Number(query.get("page") ?? 1);
  const pageSize = Number(query.get("pageSize") ?? defaultSize);
  return { page: pageNo, pageSize, totalRecords: records.length, records: records.slice((pageNo - 1) * pageSize, pageNo * pageSize) };
}
