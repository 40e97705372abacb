import "server-only";
import type { ChannelTarget } from "../url";
import { postJson } from "./http";
import type { Outgoing } from "./types";

/**
 * The documented webhook body (README "Notifications"): the first item's fields at the top level for simple
 * receivers, every item in `items`, and the rendered title/body/link.
 */
export function jsonBody(message: Outgoing) {
  const first = message.items[0];
  return {
    version: 1,
    event: first?.event ?? null,
    requestId: first?.requestId ?? null,
    title: first?.title ?? message.title,
    year: first?.year ?? null,
    mediaType: first?.mediaType ?? null,
    season: first?.season ?? null,
    episodes: first?.episodes ?? [],
    stage: first?.stage ?? null,
    reason: first?.reason ?? null,
    link: message.link,
    poster: first?.poster ?? null,
    message: { title: message.title, body: message.body },
    items: message.items,
  };
}

export async function sendJson(target: Extract<ChannelTarget, { scheme: "json" }>, message: Outgoing): Promise<void> {
  const url = new URL(target.endpoint);
  const headers: Record<string, string> = {};
  if (url.username) {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  await postJson("the webhook", url.toString(), jsonBody(message), headers);
}
