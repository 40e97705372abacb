import "server-only";
import { AppError, errorResponse } from "@/lib/errors";
import { attemptOf, peekSignIn } from "./sign-in-throttle";

/**
 * For a sign-in attempt (POST …/callback/credentials) that must wait: the 429 with Retry-After, so a
 * script sees when to try again. Null for anything else, which goes on to Auth.js (whose authorize()
 * counts the attempt and enforces the same rule under a lock).
 */
export async function signInRateLimitResponse(request: Request): Promise<Response | null> {
  if (!new URL(request.url).pathname.endsWith("/callback/credentials")) return null;
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const username = form?.get("username");
  const verdict = await peekSignIn(attemptOf(request.headers, typeof username === "string" ? username : ""));
  if (verdict.allowed) return null;
  const wait = verdict.retryAfterSeconds;
  const when = wait < 60 ? `${wait} second${wait === 1 ? "" : "s"}` : `${Math.ceil(wait / 60)} minutes`;
  const error = new AppError("too_many_requests", `Too many failed sign-ins. Try again in ${when}.`);
  return errorResponse(error, { "Retry-After": String(wait) });
}
