import "server-only";
import { AppError, errorResponse } from "@/lib/errors";
import { clientIp, limiterKeys } from "./client-ip";
import { loginLimiter } from "./sign-in";

/**
 * For a sign-in attempt (POST …/callback/credentials) from an IP or for a username that has used up its
 * failures: the 429 with Retry-After. Null for anything else, which goes on to Auth.js.
 */
export async function signInRateLimitResponse(request: Request): Promise<Response | null> {
  if (!new URL(request.url).pathname.endsWith("/callback/credentials")) return null;
  const form = await request.clone().formData().catch(() => null);
  const username = form?.get("username");
  const keys = limiterKeys(clientIp(request.headers), typeof username === "string" ? username : "");
  const verdict = loginLimiter().check(keys.all);
  if (!verdict.blocked) return null;
  const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
  const error = new AppError("too_many_requests", `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  return errorResponse(error, { "Retry-After": String(verdict.retryAfterSeconds) });
}
