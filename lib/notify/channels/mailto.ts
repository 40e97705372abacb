import "server-only";
import { createTransport } from "nodemailer";
import type { ChannelTarget } from "../url";
import { ChannelError, SEND_TIMEOUT_MS } from "./http";
import type { Outgoing } from "./types";

/** One e-mail over SMTP (STARTTLS when the server offers it; mailtos:// for implicit TLS). */
export async function sendMail(target: Extract<ChannelTarget, { scheme: "mailto" }>, message: Outgoing): Promise<void> {
  const transport = createTransport({
    host: target.host,
    port: target.port,
    secure: target.secure,
    auth: target.user ? { user: target.user, pass: target.pass ?? "" } : undefined,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({
      from: target.from,
      to: target.to,
      subject: message.title,
      text: [message.body, message.link].filter(Boolean).join("\n\n"),
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ChannelError(`the mail server at ${target.host}:${target.port} refused the message: ${detail}`);
  } finally {
    transport.close();
  }
}
