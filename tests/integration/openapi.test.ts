import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/requests/route";
import { GET as oneRoute } from "@/app/api/requests/[id]/route";
import { POST as actionRoute } from "@/app/api/requests/[id]/actions/route";
import { GET as previewRoute, POST as deleteRoute } from "@/app/api/requests/[id]/deletion/route";
import { GET as summaryRoute } from "@/app/api/summary/route";
import { GET as openApiRoute } from "@/app/api/openapi.json/route";
import { GET as healthRoute } from "@/app/api/health/route";
import { getDb } from "@/db/client";
import { listApiTokens } from "@/db/queries/api-tokens";
import { listDeletions } from "@/db/queries/deletions";
import { latestLibrarySync, startLibrarySyncRow } from "@/db/queries/library-syncs";
import { presentDeletion } from "@/lib/api/deletion-schemas";
import { presentLibrarySync } from "@/lib/api/library-sync-schema";
import { openApiDocument } from "@/lib/api/openapi";
import { presentToken } from "@/lib/api/token-schemas";
import { createApiToken } from "@/lib/auth/token-admin";
import { resetTables } from "../helpers/db";
import { hashes, jellyseerr, sonarrGrab } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

/**
 * The OpenAPI document is valid (every schema compiles under JSON Schema 2020-12, every $ref resolves) and
 * describes what the routes really answer: each documented route is called and its answer validated.
 */
type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };
const doc = openApiDocument("http://localhost") as unknown as Doc & Record<string, unknown>;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...doc, $id: "openapi.json" });

function check(path: string, method: string, status: string, body: unknown): string[] {
  const pointer = ["paths", path, method, "responses", status, "content", "application/json", "schema"]
    .map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1"))
    .join("/");
  const validate = ajv.getSchema(`openapi.json#/${pointer}`) ?? ajv.compile({ $ref: `openapi.json#/${pointer}` });
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? ""}`);
}

let act = "";
let requestId = 0;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const params = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });

beforeAll(async () => {
  await resetTables();
  await postWebhook("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: 1, tmdbId: 603, subject: "The Matrix (1999)", user: "Alex" }));
  await postWebhook("sonarr", sonarrGrab({ hash: hashes.a, episodes: [{ season: 1, episode: 1 }], title: "Frieren" }));
  const db = await getDb();
  act = (await createApiToken({ db, name: "script", scope: "act", by: "Ana" })).secret;
  const list = (await (await listRoute(new Request("http://localhost/api/requests", { headers: bearer(act) }))).json()) as {
    items: { id: number }[];
  };
  requestId = list.items[0]!.id;
});
afterAll(async () => undefined);

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with every operation answering JSON that compiles as JSON Schema 2020-12", () => {
    expect(doc.openapi).toBe("3.1.0");
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/requests",
        "/api/requests/{id}",
        "/api/requests/{id}/actions",
        "/api/requests/{id}/deletion",
        "/api/summary",
        "/api/health",
        "/api/webhooks/{source}",
        "/api/admin/tokens",
      ]),
    );
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const [status, answer] of Object.entries(op.responses)) {
          if (answer.content) expect(() => check(path, method, status, {}), `${method} ${path} ${status}`).not.toThrow();
        }
      }
    }
  });

  it("is served at /api/openapi.json to a token and refused without one", async () => {
    const res = await openApiRoute(new Request("http://localhost/api/openapi.json", { headers: bearer("test-api-token") }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { info: { title: string } }).info.title).toBe("Status Tracker API");
    expect((await openApiRoute(new Request("http://localhost/api/openapi.json", { headers: bearer("wrong") }))).status).toBe(401);
  });
});

describe("live answers match the document", () => {
  it("read API, summary and health", async () => {
    const list = await listRoute(new Request("http://localhost/api/requests?limit=5", { headers: bearer("test-api-token") }));
    expect(check("/api/requests", "get", "200", await list.json())).toEqual([]);
    const bad = await listRoute(new Request("http://localhost/api/requests?limit=0", { headers: bearer("test-api-token") }));
    expect(check("/api/requests", "get", "400", await bad.json())).toEqual([]);
    const one = await oneRoute(new Request(`http://localhost/api/requests/${requestId}`, { headers: bearer(act) }), params(requestId));
    expect(check("/api/requests/{id}", "get", "200", await one.json())).toEqual([]);
    const missing = await oneRoute(new Request("http://localhost/api/requests/999999", { headers: bearer(act) }), params(999999));
    expect(check("/api/requests/{id}", "get", "404", await missing.json())).toEqual([]);
    const summary = await summaryRoute(new Request("http://localhost/api/summary", { headers: bearer("test-api-token") }));
    expect(check("/api/summary", "get", "200", await summary.json())).toEqual([]);
    const health = await healthRoute(new Request("http://localhost/api/health", { headers: bearer("test-api-token") }));
    expect(check("/api/health", "get", "200", await health.json())).toEqual([]);
  });

  it("actions and deletion with a read-and-act token; a read-only token is refused", async () => {
    const post = (token: string, body: unknown) =>
      actionRoute(
        new Request(`http://localhost/api/requests/${requestId}/actions`, {
          method: "POST",
          headers: { ...bearer(token), "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
        params(requestId),
      );
    const done = await post(act, { action: "report", message: "No subtitles" });
    expect(done.status).toBe(200);
    expect(check("/api/requests/{id}/actions", "post", "200", await done.json())).toEqual([]);
    const readOnly = await post("test-api-token", { action: "check" });
    expect(readOnly.status).toBe(403);
    expect(check("/api/requests/{id}/actions", "post", "403", await readOnly.json())).toEqual([]);
    const invalid = await post(act, { action: "dismiss" });
    expect(check("/api/requests/{id}/actions", "post", "400", await invalid.json())).toEqual([]);
    const preview = await previewRoute(
      new Request(`http://localhost/api/requests/${requestId}/deletion?arrScope=series`, { headers: bearer(act) }),
      params(requestId),
    );
    expect(check("/api/requests/{id}/deletion", "get", "200", await preview.json())).toEqual([]);
    const started = await deleteRoute(
      new Request(`http://localhost/api/requests/${requestId}/deletion`, {
        method: "POST",
        headers: { ...bearer(act), "content-type": "application/json" },
        body: JSON.stringify({ services: ["tracker"] }),
      }),
      params(requestId),
    );
    expect(started.status).toBe(202);
    expect(check("/api/requests/{id}/deletion", "post", "202", await started.json())).toEqual([]);
  });

  it("webhook answers", async () => {
    const applied = await postWebhook("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: 5, tmdbId: 604, subject: "Other (2000)" }));
    expect(check("/api/webhooks/{source}", "post", "200", applied.json)).toEqual([]);
    const refused = await postWebhook("jellyseerr", {}, { secret: "wrong" });
    expect(check("/api/webhooks/{source}", "post", "401", refused.json)).toEqual([]);
  });

  it("admin answers (deletion log, tokens, library sync) as their routes present them", async () => {
    const db = await getDb();
    expect(
      check("/api/admin/deletions", "get", "200", JSON.parse(JSON.stringify({ items: (await listDeletions({ db })).map(presentDeletion) }))),
    ).toEqual([]);
    const created = await createApiToken({ db, name: "dashboard", scope: "read", by: "Ana" });
    expect(check("/api/admin/tokens", "post", "201", { token: presentToken(created.token), secret: created.secret })).toEqual([]);
    expect(check("/api/admin/tokens", "get", "200", { items: (await listApiTokens({ db })).map(presentToken) })).toEqual([]);
    await startLibrarySyncRow({ db, by: "Ana" });
    const sync = await latestLibrarySync({ db });
    expect(check("/api/admin/library-sync", "get", "200", { sync: sync ? presentLibrarySync(sync) : null })).toEqual([]);
  });
});
