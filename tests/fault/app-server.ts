/**
 * The app's webhook intake and health endpoint as a real server process, for the fault suite: webhooks answered
 * at the HTTP server as `next start` answers them (lib/ingest/node-webhooks.ts), the health route handler, and
 * the same in-process workers (spool replay, pending retries), without a production build (which takes minutes
 * on two cores), and the process's CPU time at /_fault/cpu. Started with `node --conditions=react-server --import tsx`.
 * PORT, DATABASE_URL, SPOOL_DIR and WEBHOOK_SECRET come from the environment.
 */
import { createServer, type IncomingMessage } from "node:http";
import { GET as health } from "@/app/api/health/route";
import { serveWebhooksAtServer } from "@/lib/ingest/node-webhooks";
import { startWorkflows } from "@/lib/workflows/boot";

function toRequest(req: IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const url = `http://127.0.0.1${req.url ?? "/"}`;
  return new Request(url, { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(body) });
}

async function route(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === "/api/health" && request.method === "GET") return health(request);
  // The process's CPU time so far, in ms: what a body cost to process, however busy the machine was meanwhile.
  if (pathname === "/_fault/cpu" && request.method === "GET") {
    const { user, system } = process.cpuUsage();
    return Response.json({ ms: (user + system) / 1000 });
  }
  return new Response("not found", { status: 404 });
}

serveWebhooksAtServer();
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    route(toRequest(req, Buffer.concat(chunks)))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
  });
});

await startWorkflows();
server.listen(Number(process.env.PORT ?? 3532), "127.0.0.1", () => console.log("listening"));
