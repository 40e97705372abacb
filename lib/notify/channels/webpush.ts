import "server-only";
import { readFileSync } from "node:fs";
import { Agent } from "node:https";
import { rootCertificates } from "node:tls";
import webpush, { WebPushError } from "web-push";
import type { PushKeys } from "@/db/schema";
import { env } from "@/lib/env";
import type { VapidKeys } from "../vapid";
import { ChannelError, SEND_TIMEOUT_MS } from "./http";
import type { Outgoing } from "./types";

/** What the service worker receives (public/sw.js): it shows title/body and opens `url` on a tap. */
export type PushPayload = { title: string; body: string; url: string; tag: string };

export function pushPayload(message: Outgoing): PushPayload {
  const url = message.requestId !== null ? `/requests/${message.requestId}` : "/";
  return { title: message.title, body: message.body, url, tag: message.messageId !== null ? `message-${message.messageId}` : "test" };
}

let agent: Agent | undefined;

/** Push services are https; a test's loopback push service presents a certificate named by NOTIFY_PUSH_CA_FILE. */
function pushAgent(): Agent | undefined {
  const file = env().NOTIFY_PUSH_CA_FILE;
  if (!file) return undefined;
  agent ??= new Agent({ ca: [...rootCertificates, readFileSync(file, "utf8")], keepAlive: false });
  return agent;
}

/** RFC 8291 aes128gcm payload, signed with VAPID (RFC 8292); 404/410 from the push service = the subscription is gone. */
export async function sendWebPush(endpoint: string, keys: PushKeys, vapid: VapidKeys, message: Outgoing): Promise<void> {
  try {
    await webpush.sendNotification({ endpoint, keys }, JSON.stringify(pushPayload(message)), {
      vapidDetails: { subject: env().VAPID_SUBJECT, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
      TTL: 24 * 3600,
      timeout: SEND_TIMEOUT_MS,
      contentEncoding: "aes128gcm",
      agent: pushAgent(),
    });
  } catch (error) {
    if (error instanceof WebPushError) {
      const gone = error.statusCode === 404 || error.statusCode === 410;
      throw new ChannelError(
        gone
          ? `the push service says this device unsubscribed (${error.statusCode})`
          : `the push service answered ${error.statusCode}: ${error.body.slice(0, 200)}`,
        gone,
      );
    }
    throw new ChannelError(`could not reach the push service (${error instanceof Error ? error.message : String(error)})`);
  }
}
