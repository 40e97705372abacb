import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

type Holder = { __statusTrackerEphemeralAuthSecret?: string; __statusTrackerAuthSecretWarned?: boolean };
const holder = globalThis as typeof globalThis & Holder;

/**
 * AUTH_SECRET, or outside production a random one for this process (sessions end at restart). In
 * production without it there is no secret: Auth.js then refuses every sign-in and every session, so the
 * app fails closed rather than signing cookies with a guessable key.
 */
export function authSecret(): string | undefined {
  const { AUTH_SECRET, NODE_ENV } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  if (!holder.__statusTrackerAuthSecretWarned) {
    holder.__statusTrackerAuthSecretWarned = true;
    if (NODE_ENV === "production") log.error("AUTH_SECRET is not set: nobody can sign in until it is");
    else log.warn("AUTH_SECRET is not set: using a random secret, sessions end when the server restarts");
  }
  if (NODE_ENV === "production") return undefined;
  holder.__statusTrackerEphemeralAuthSecret ??= randomBytes(32).toString("base64url");
  return holder.__statusTrackerEphemeralAuthSecret;
}
