import { invalid, type WebhookMapResult } from "../webhook";
import { qbittorrentFinished } from "./schema";

export function mapQbittorrentWebhook(body: unknown): WebhookMapResult {
  const parsed = qbittorrentFinished.safeParse(body);
  if (!parsed.success) return invalid("finished", parsed.error);
  const f = parsed.data;
  return {
    outcome: "events",
    eventType: "finished",
    events: [{ type: "download.completed", hash: f.hash, name: f.name, size: f.size, contentPath: f.content_path }],
  };
}
