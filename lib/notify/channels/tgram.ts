import "server-only";
import { env } from "@/lib/env";
import type { ChannelTarget } from "../url";
import { ChannelError, postJson } from "./http";
import type { Outgoing } from "./types";

/** Bot API sendMessage: plain text (no parse_mode, so titles need no escaping), at most 4096 characters. */
export async function sendTelegram(target: Extract<ChannelTarget, { scheme: "tgram" }>, message: Outgoing): Promise<void> {
  const url = `${env().NOTIFY_TELEGRAM_API_URL.replace(/\/$/, "")}/bot${target.botToken}/sendMessage`;
  const text = [message.title, message.body === message.title ? null : message.body, message.link].filter(Boolean).join("\n\n").slice(0, 4096);
  const response = await postJson("Telegram", url, { chat_id: target.chatId, text });
  const answer = (await response.json().catch(() => null)) as { ok?: boolean; description?: string } | null;
  if (answer?.ok !== true) throw new ChannelError(`Telegram refused the message${answer?.description ? `: ${answer.description}` : ""}`);
}
