import "server-only";
import type { ChannelTarget } from "../url";
import { postJson } from "./http";
import type { Outgoing } from "./types";

/** ntfy's JSON publish: POST to the server root with the topic in the body (UTF-8 safe, unlike headers). */
export async function sendNtfy(target: Extract<ChannelTarget, { scheme: "ntfy" }>, message: Outgoing): Promise<void> {
  const headers: Record<string, string> = {};
  if (target.username) headers.authorization = `Basic ${Buffer.from(`${target.username}:${target.password ?? ""}`).toString("base64")}`;
  const body = { topic: target.topic, title: message.title, message: message.body, ...(message.link ? { click: message.link } : {}), tags: ["tv"] };
  await postJson("ntfy", `${target.server}/`, body, headers);
}
