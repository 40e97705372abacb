import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject } from "zod-openapi";
import { actionResult, bulkDeletionRequest, deletionRequest, requestAction } from "@/lib/actions/schema";
import { requestListQuery } from "@/lib/requests/query";
import { bulkDeletionResultSchema, deletionListSchema, deletionPreviewQuery, deletionPreviewSchema, deletionSchema } from "./deletion-schemas";
import { librarySyncStatusSchema, librarySyncSchema } from "./library-sync-schema";
import { errorSchema, healthSchema, requestDetailSchema, requestListSchema, webhookAnswerSchema } from "./request-schemas";
import { summarySchema } from "./summary-schema";
import { createdTokenSchema, createTokenRequest, tokenListSchema } from "./token-schemas";

const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = {
  "400": json(errorSchema, "Invalid parameters or body; `issues` names the failing paths"),
  "401": json(errorSchema, "No session and no (valid) token"),
  "403": json(errorSchema, "Not allowed: a member calling an admin action, a read-only token acting, or a cross-site request"),
  "404": json(errorSchema, "No such request (or not one the caller may see)"),
};
type Security = Record<string, string[]>[];
const read: Security = [{ session: [] }, { bearer: [] }];
const admin: Security = [{ session: [] }];
const id = z.object({ id: z.string().regex(/^\d+$/).meta({ description: "Request id" }) });

function op(o: ZodOpenApiOperationObject): ZodOpenApiOperationObject {
  return o;
}

/** The API described: generated from the same zod schemas the routes parse and answer with. */
export function openApiDocument(serverUrl: string) {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Status Tracker API",
      version: "1.0.0",
      description:
        "Read API for scripts and dashboards (session cookie or `Authorization: Bearer <token>`), per-request actions for admins and read-and-act tokens, health and the webhook endpoints. Field names are camelCase; stages are lower-case. State-changing calls with a session must come from the portal (same origin).",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "A named token from Admin → API tokens (read-only or read-and-act), or API_TOKEN (read-only).",
        },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The portal's sign-in session." },
        webhookSecret: { type: "http", scheme: "bearer", description: "WEBHOOK_SECRET (also as HTTP basic password or ?token=)." },
      },
    },
    paths: {
      "/api/requests": {
        get: op({
          operationId: "listRequests",
          summary: "Requests, newest update first",
          security: read,
          requestParams: { query: requestListQuery },
          responses: { "200": json(requestListSchema, "One page"), ...errors },
        }),
      },
      "/api/requests/{id}": {
        get: op({
          operationId: "getRequest",
          summary: "One request with its episodes, downloads and timeline",
          security: read,
          requestParams: { path: id },
          responses: { "200": json(requestDetailSchema, "The request"), ...errors },
        }),
      },
      "/api/requests/{id}/actions": {
        post: op({
          operationId: "actOnRequest",
          summary: "A per-request action (admins and read-and-act tokens; members may only report a problem)",
          security: read,
          requestParams: { path: id },
          requestBody: { content: { "application/json": { schema: requestAction } } },
          responses: {
            "200": json(actionResult, "Done; the timeline records who did it"),
            ...errors,
            "503": json(errorSchema, "The service the action needs is not configured"),
          },
        }),
      },
      "/api/requests/{id}/deletion": {
        get: op({
          operationId: "previewDeletion",
          summary: "What Delete everywhere would remove, asked live from each service",
          security: read,
          requestParams: { path: id, query: deletionPreviewQuery },
          responses: { "200": json(deletionPreviewSchema, "The preview"), ...errors },
        }),
        post: op({
          operationId: "deleteEverywhere",
          summary: "Delete everywhere: the ticked services, as a durable saga",
          security: read,
          requestParams: { path: id },
          requestBody: { content: { "application/json": { schema: deletionRequest } } },
          responses: { "202": json(deletionSchema, "Started; follow it in the deletion log"), ...errors },
        }),
      },
      "/api/summary": {
        get: op({
          operationId: "getSummary",
          summary: "Counts per stage, attention, next air dates, last webhook per service",
          security: read,
          responses: { "200": json(summarySchema, "The summary"), ...errors },
        }),
      },
      "/api/admin/deletions": {
        get: op({
          operationId: "listDeletions",
          summary: "The deletion log",
          security: admin,
          responses: { "200": json(deletionListSchema, "Newest first"), ...errors },
        }),
        post: op({
          operationId: "bulkDelete",
          summary: "Delete several requests everywhere (from History)",
          security: admin,
          requestBody: { content: { "application/json": { schema: bulkDeletionRequest } } },
          responses: { "202": json(bulkDeletionResultSchema, "One deletion per request"), ...errors },
        }),
      },
      "/api/admin/deletions/{id}/steps/{stepId}/retry": {
        post: op({
          operationId: "retryDeletionStep",
          summary: "Run a failed step again",
          security: admin,
          requestParams: { path: z.object({ id: z.string(), stepId: z.string() }) },
          responses: { "202": json(deletionSchema, "The deletion"), ...errors },
        }),
      },
      "/api/admin/library-sync": {
        get: op({
          operationId: "getLibrarySync",
          summary: "The latest library import and its progress",
          security: admin,
          responses: { "200": json(librarySyncStatusSchema, "The latest run, if any"), ...errors },
        }),
        post: op({
          operationId: "syncLibrary",
          summary: "Import the existing library (Jellyfin, Jellyseerr, queues)",
          security: admin,
          responses: { "202": json(z.object({ sync: librarySyncSchema }), "Started (or the one already running)"), ...errors },
        }),
      },
      "/api/admin/tokens": {
        get: op({
          operationId: "listTokens",
          summary: "Named API tokens",
          security: admin,
          responses: { "200": json(tokenListSchema, "Every token, never a secret"), ...errors },
        }),
        post: op({
          operationId: "createToken",
          summary: "Create a named token; the secret is shown once",
          security: admin,
          requestBody: { content: { "application/json": { schema: createTokenRequest } } },
          responses: { "201": json(createdTokenSchema, "Created"), ...errors },
        }),
      },
      "/api/admin/tokens/{id}/revoke": {
        post: op({
          operationId: "revokeToken",
          summary: "Revoke a token",
          security: admin,
          requestParams: { path: id },
          responses: { "204": { description: "Revoked" }, ...errors },
        }),
      },
      "/api/health": {
        get: op({
          operationId: "getHealth",
          summary: "Liveness (anyone); details for admins and tokens",
          security: [{}, ...read] as Security,
          responses: { "200": json(healthSchema, "Healthy"), "503": json(healthSchema, "Degraded") },
        }),
      },
      "/api/webhooks/{source}": {
        post: op({
          operationId: "receiveWebhook",
          summary: "Webhook from Jellyseerr, Sonarr, Radarr, Jellyfin or qBittorrent",
          security: [{ webhookSecret: [] }],
          requestParams: { path: z.object({ source: z.enum(["jellyseerr", "sonarr", "radarr", "jellyfin", "qbittorrent"]) }) },
          requestBody: {
            description: "The service's own payload (see the contracts)",
            content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
          },
          responses: {
            "200": json(webhookAnswerSchema, "Applied (or a duplicate)"),
            "202": json(webhookAnswerSchema, "An event type the tracker ignores, or stored for replay"),
            "400": errors["400"],
            "401": errors["401"],
          },
        }),
      },
    },
  });
}
