import "server-only";
import { env } from "@/lib/env";
import type { ChannelTarget } from "../url";
import { postJson } from "./http";
import type { Outgoing } from "./types";

/** Execute Webhook: POST /webhooks/{id}/{token} with an embed (title ≤ 256, description ≤ 4096 characters). */
export function discordRequest(target: Extract<ChannelTarget, { scheme: "discord" }>, message: Outgoing) {
  const url = `${env().NOTIFY_DISCORD_API_URL.replace(/\/$/, "")}/webhooks/${target.webhookId}/${target.token}?wait=true`;
  const poster = message.items.find((i) => i.poster)?.poster;
  const embed = {
    title: message.title.slice(0, 256),
    description: message.body.slice(0, 4096),
    ...(message.link ? { url: message.link } : {}),
    ...(poster ? { thumbnail: { url: poster } } : {}),
  };
  return { url, body: { username: "Status Tracker", embeds: [embed], allowed_mentions: { parse: [] } } };
}

export async function sendDiscord(target: Extract<ChannelTarget, { scheme: "discord" }>, message: Outgoing): Promise<void> {
  const { url, body } = discordRequest(target, message);
  await postJson("Discord", url, body);
}
