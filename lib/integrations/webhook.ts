import type { z } from "zod";
import type { DomainEvent } from "@/lib/domain/events";
import type { IssueDetail } from "@/lib/errors";

export const webhookSources = ["jellyseerr", "sonarr", "radarr", "jellyfin", "qbittorrent"] as const;
export type WebhookSource = (typeof webhookSources)[number];

export function isWebhookSource(value: string): value is WebhookSource {
  return (webhookSources as readonly string[]).includes(value);
}

/** What one delivery means once its upstream shape has been read. */
export type WebhookMapResult =
  | { outcome: "events"; eventType: string; events: DomainEvent[] }
  | { outcome: "ignored"; eventType: string; reason: string }
  | { outcome: "invalid"; eventType: string | null; issues: IssueDetail[] };

export type WebhookMapper = (body: unknown) => WebhookMapResult;

export function zodIssues(error: z.ZodError): IssueDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
}

export function invalid(eventType: string | null, error: z.ZodError): WebhookMapResult {
  return { outcome: "invalid", eventType, issues: zodIssues(error) };
}
