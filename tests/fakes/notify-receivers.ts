import { createServer, type IncomingMessage, type Server } from "node:http";

export type Received = { method: string; path: string; query: URLSearchParams; headers: IncomingMessage["headers"]; body: Buffer; json: unknown };

/**
 * One loopback server answering like the receivers the notification channels post to: ntfy (JSON publish to
 * `/`), Gotify (`/message` with X-Gotify-Key), a JSON webhook (`/hook/…`), Discord (`/webhooks/{id}/{token}`)
 * and Telegram (`/bot{token}/sendMessage`). `stop()` closes the port (connection refused) and `start()`
 * opens the same port again, for "the receiver is down" scenarios.
 */
export async function startReceivers() {
  const received: Received[] = [];
  let server: Server | null = null;
  let port = 0;
  const handle = (req: IncomingMessage, body: Buffer): { status: number; body: unknown } => {
    const url = new URL(req.url ?? "/", "http://receiver");
    let json: unknown = null;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      json = null;
    }
    received.push({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body, json });
    if (url.pathname === "/" && req.method === "POST") return { status: 200, body: { id: "n1", event: "message" } };
    if (url.pathname === "/message") {
      return req.headers["x-gotify-key"] === "AppToken1"
        ? { status: 200, body: { id: 1 } }
        : { status: 401, body: { error: "Unauthorized", errorCode: 401, errorDescription: "you need to provide a valid access token" } };
    }
    if (url.pathname.startsWith("/hook")) return { status: 204, body: "" };
    const discord = /^\/webhooks\/(\d+)\/([\w-]+)$/.exec(url.pathname);
    if (discord) return { status: 200, body: { id: "1", type: 0, channel_id: "2", webhook_id: discord[1] } };
    const telegram = /^\/bot(\d+:[\w-]+)\/sendMessage$/.exec(url.pathname);
    if (telegram) return { status: 200, body: { ok: true, result: { message_id: received.length, chat: { id: 1 }, date: 0, text: "" } } };
    return { status: 404, body: { error: "not found" } };
  };
  const start = async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const answer = handle(req, Buffer.concat(chunks));
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(answer.body === "" ? "" : JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    const address = server.address();
    port = typeof address === "object" && address ? address.port : port;
  };
  const stop = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await start();
  return { host: () => `127.0.0.1:${port}`, url: () => `http://127.0.0.1:${port}`, received, start, stop };
}
