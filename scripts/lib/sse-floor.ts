import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "./server";

/**
 * The floor for the live benchmark: a bare Node HTTP server doing the least the real one must do: check a signed
 * cookie once per connection (an HMAC), hold each SSE response open, and on each POST write one frame (JSON-encoded
 * once) to every client. Run as its own process, on the same cores, measured with the same clients.
 */
const SOURCE = `
const http = require("node:http");
const { createHmac, timingSafeEqual } = require("node:crypto");
const secret = process.env.FLOOR_SECRET;
const clients = new Set();
let seq = 0;
const valid = (cookie) => {
  const m = /floor=([^.;]+)\\.([^;]+)/.exec(cookie || "");
  if (!m) return false;
  const want = createHmac("sha256", secret).update(m[1]).digest("base64url");
  return want.length === m[2].length && timingSafeEqual(Buffer.from(want), Buffer.from(m[2]));
};
http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/events") {
    if (!valid(req.headers.cookie)) { res.writeHead(401).end(); return; }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.write("retry: 2000\\n: connected\\n\\n");
    clients.add(res);
    req.on("close", () => clients.delete(res));
    return;
  }
  if (req.method === "POST" && req.url === "/notify") {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const data = JSON.parse(body);
      seq += 1;
      const frame = Buffer.from("id: " + seq + "\\nevent: update\\ndata: " + JSON.stringify({ seq, request: data }) + "\\n\\n");
      for (const c of clients) c.write(frame);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ seq }));
    });
    return;
  }
  res.writeHead(404).end();
}).listen(Number(process.env.FLOOR_PORT), "127.0.0.1", () => process.send && process.send("ready"));
`;

export type FloorServer = { url: string; pid: number; inspectPort: number; cookie: string; stop(): Promise<void> };

export async function startFloorServer(): Promise<FloorServer> {
  const { createHmac, randomBytes } = await import("node:crypto");
  const port = await freePort();
  const inspectPort = await freePort();
  const secret = randomBytes(32).toString("hex");
  const child: ChildProcess = spawn(process.execPath, [`--inspect=127.0.0.1:${inspectPort}`, "-e", SOURCE], {
    env: { ...process.env, FLOOR_PORT: String(port), FLOOR_SECRET: secret },
    stdio: ["ignore", "inherit", "ignore", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`floor server exited (${code})`)));
  });
  const id = "bench-user";
  const cookie = `floor=${id}.${createHmac("sha256", secret).update(id).digest("base64url")}`;
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    inspectPort,
    cookie,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
