import "server-only";
import type { NotifyChannelRow } from "@/db/schema";
import { parseChannelUrl } from "../url";
import type { VapidKeys } from "../vapid";
import { sendDiscord } from "./discord";
import { sendGotify } from "./gotify";
import { ChannelError } from "./http";
import { sendJson } from "./json";
import { sendMail } from "./mailto";
import { sendNtfy } from "./ntfy";
import { sendTelegram } from "./tgram";
import type { Outgoing } from "./types";
import { sendWebPush } from "./webpush";

export { ChannelError } from "./http";
export type { Outgoing } from "./types";

/** Sends one message over one channel; throws ChannelError (plain words) when it did not arrive. */
export async function sendToChannel(channel: NotifyChannelRow, message: Outgoing, vapid: () => Promise<VapidKeys>): Promise<void> {
  if (channel.scheme === "webpush") {
    if (!channel.pushKeys) throw new ChannelError("this push subscription has no keys", true);
    return sendWebPush(channel.url, channel.pushKeys, await vapid(), message);
  }
  const parsed = parseChannelUrl(channel.url);
  if (!parsed.ok) throw new ChannelError(`the channel URL is not usable: ${parsed.message}`);
  const { target } = parsed;
  switch (target.scheme) {
    case "ntfy":
      return sendNtfy(target, message);
    case "discord":
      return sendDiscord(target, message);
    case "tgram":
      return sendTelegram(target, message);
    case "gotify":
      return sendGotify(target, message);
    case "mailto":
      return sendMail(target, message);
    case "json":
      return sendJson(target, message);
    case "log":
      // The demo's channel: what would have been sent, in the server's log whatever LOG_LEVEL says.
      console.log(
        JSON.stringify({
          at: new Date().toISOString(),
          level: "info",
          message: "notification",
          to: message.recipient,
          title: message.title,
          body: message.body,
          link: message.link,
        }),
      );
      return;
  }
}
