import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { serveWebhooksAtServer } from "@/lib/ingest/node-webhooks";
import { startFake } from "../fakes/server";
import { resetTables } from "../helpers/db";
import { jellyseerr, qbitFinished, radarrGrab } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

/**
 * `next start` answers webhooks at the HTTP server (lib/ingest/node-webhooks.ts). Every answer a sender can get
 * there must be the route handler's: same status, same body, the app's headers, and the server's own handler
 * (Next) never reached for a webhook.
 */
const SECRET = "test-webhook-secret";
const basic = (user: string) => `Basic ${Buffer.from(`${user}:${SECRET}`).toString("base64")}`;

type Case = {
  name: string;
  status: number;
  source: string;
  method?: "POST" | "PUT";
  query?: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
};

const grab = JSON.stringify(radarrGrab({ hash: "a".repeat(40), tmdbId: 4242, title: "At Server" }));
const cases: Case[] = [
  {
    name: "Radarr with basic auth",
    status: 200,
    source: "radarr",
    headers: { "content-type": "application/json", authorization: basic("radarr") },
    body: grab,
  },
  {
    name: "Radarr sending PUT",
    status: 200,
    source: "radarr",
    method: "PUT",
    headers: { "content-type": "application/json", authorization: basic("radarr") },
    body: grab,
  },
  {
    name: "qBittorrent's form with ?token=",
    status: 200,
    source: "qbittorrent",
    query: `?token=${SECRET}`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: qbitFinished("b".repeat(40)),
  },
  {
    name: "Jellyseerr with a bearer",
    status: 200,
    source: "jellyseerr",
    headers: { "content-type": "application/json", authorization: `Bearer ${SECRET}` },
    body: JSON.stringify(jellyseerr("MEDIA_PENDING", { requestId: 7, tmdbId: 4242, subject: "At Server (2024)" })),
  },
  {
    name: "a wrong secret",
    status: 401,
    source: "radarr",
    headers: { "content-type": "application/json", authorization: "Bearer wrong" },
    body: grab,
  },
  { name: "no secret", status: 401, source: "sonarr", headers: { "content-type": "application/json" }, body: grab },
  { name: "an unknown source", status: 404, source: "plex", headers: { authorization: `Bearer ${SECRET}` }, body: "{}" },
  {
    name: "broken JSON",
    status: 400,
    source: "radarr",
    headers: { "content-type": "application/json", authorization: basic("radarr") },
    body: '{"eventType": "Grab",',
  },
  {
    name: "a body over WEBHOOK_MAX_BYTES",
    status: 413,
    source: "radarr",
    headers: { "content-type": "application/json", authorization: basic("radarr") },
    body: new Uint8Array(1024 * 1024 + 1).fill(32),
  },
];

/** What the route handler answers, bodies without the ids the database hands out. */
async function viaRoute(c: Case) {
  const { status, json } = await postWebhook(c.source, null, { raw: c.body, query: c.query, secret: null, headers: c.headers });
  return { status, body: withoutIds(json) };
}

function withoutIds(body: Record<string, unknown>) {
  const { deliveryId: _deliveryId, ...rest } = body;
  return rest;
}

describe("webhooks answered at the HTTP server", () => {
  // The server's own handler (Next's place): it answers 418 and keeps every request it sees.
  let fallback: Awaited<ReturnType<typeof startFake>>;
  let base = "";
  const reachedServer = () => fallback.calls.map((c) => `${c.method} ${c.path}`);

  beforeAll(async () => {
    serveWebhooksAtServer();
    fallback = await startFake(() => ({ status: 418 }));
    base = fallback.url;
  });
  afterAll(() => fallback.close());
  beforeEach(async () => {
    await resetTables();
    fallback.calls.length = 0;
  });

  it.each(cases)("$name: the route handler's answer, ahead of the server's own handler", async (c) => {
    const expected = await viaRoute(c);
    expect(expected.status).toBe(c.status);
    await resetTables();
    const res = await fetch(`${base}/api/webhooks/${c.source}${c.query ?? ""}`, {
      method: c.method ?? "POST",
      headers: c.headers,
      body: c.body.slice(),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect({ status: res.status, body: withoutIds(body) }).toEqual(expected);
    expect(reachedServer()).toEqual([]);
    // The headers next.config.ts gives every response, and a JSON answer nobody caches or compresses.
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(res.headers.get("content-type")).toBe("application/json");
  });

  it("a body too large without a declared length is refused while it streams, and the connection stays usable", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${base}/api/webhooks/radarr`, { method: "POST", agent, headers: { authorization: basic("radarr") } }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      for (let i = 0; i < 20; i++) req.write(Buffer.alloc(64 * 1024, 32)); // chunked: no content-length
      req.end();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "payload_too_large" });
    const next = await new Promise<number>((resolve, reject) => {
      http
        .get(`${base}/api/health`, { agent }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on("error", reject);
    });
    expect(next).toBe(418);
    agent.destroy();
  });

  it("other methods and paths are left to the server's own handler", async () => {
    const get = await fetch(`${base}/api/webhooks/radarr`, { headers: { authorization: basic("radarr") } });
    const nested = await fetch(`${base}/api/webhooks/radarr/extra`, { method: "POST", body: grab });
    const prefix = await fetch(`${base}/api/webhooksx/radarr`, { method: "POST", body: grab });
    expect([get.status, nested.status, prefix.status]).toEqual([418, 418, 418]);
    expect(reachedServer()).toEqual(["GET /api/webhooks/radarr", "POST /api/webhooks/radarr/extra", "POST /api/webhooksx/radarr"]);
  });
});
