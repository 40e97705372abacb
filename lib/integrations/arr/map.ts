import type { z } from "zod";
import { safeImageUrl } from "@/lib/domain/image-url";
import { invalid, type WebhookMapResult } from "../webhook";
import { arrHealth, type arrImages, type arrStatusMessages } from "./schema";

/** Browsers cannot reach the *arr-local `url`; the provider's `remoteUrl` is what a portal can show. */
export function posterFrom(images: z.infer<typeof arrImages>): string | null {
  const poster = images.find((i) => i.coverType === "poster");
  return safeImageUrl(poster?.remoteUrl);
}

/** Sonarr/Radarr status messages as one plain sentence, most specific first. */
export function blockedReason(messages: z.infer<typeof arrStatusMessages>, fallback: string): string {
  const parts: string[] = [];
  for (const m of messages) {
    const details = m.messages.filter((s) => s.trim() !== "");
    if (details.length > 0) parts.push(...details);
    else if (m.title) parts.push(m.title);
  }
  const text = [...new Set(parts)].join(" · ");
  return (text || fallback).slice(0, 1000);
}

export function healthNote(service: string, eventType: string, body: unknown): WebhookMapResult {
  const parsed = arrHealth.safeParse(body);
  if (!parsed.success) return invalid(eventType, parsed.error);
  const restored = eventType === "HealthRestored";
  const message = `${service} ${restored ? "health restored" : `health ${parsed.data.level ?? "issue"}`}: ${
    parsed.data.message ?? parsed.data.type ?? "no details"
  }`;
  return {
    outcome: "events",
    eventType,
    events: [{ type: "note", event: restored ? "health.restored" : "health", message, media: null, jellyseerrRequestId: null }],
  };
}
