import "server-only";
import type { ChannelTarget } from "../url";
import { postJson } from "./http";
import type { Outgoing } from "./types";

/** POST /message with the application token in X-Gotify-Key; the click URL goes in Gotify's client extras. */
export async function sendGotify(target: Extract<ChannelTarget, { scheme: "gotify" }>, message: Outgoing): Promise<void> {
  const extras = message.link ? { "client::notification": { click: { url: message.link } } } : undefined;
  await postJson(
    "Gotify",
    target.endpoint,
    { title: message.title, message: message.body, priority: 5, ...(extras ? { extras } : {}) },
    { "x-gotify-key": target.token },
  );
}
