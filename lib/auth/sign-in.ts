import "server-only";
import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { authenticateByName } from "@/lib/integrations/jellyfin/client";
import { log } from "@/lib/log";
import { clientIp, limiterKeys } from "./client-ip";
import { hashLocalAdmin, verifyLocalAdmin, type LocalAdmin } from "./local-admin";
import { FailureLimiter } from "./rate-limit";
import type { SessionUser } from "./session";

/** Codes shown in `?code=` after a failed sign-in; none says whether the name or the password was wrong. */
class RateLimited extends CredentialsSignin {
  override code = "rate_limited";
}
class SignInUnavailable extends CredentialsSignin {
  override code = "unavailable";
}

type Holder = { __statusTrackerLoginLimiter?: FailureLimiter; __statusTrackerLocalAdmin?: Promise<LocalAdmin | null> };
const holder = globalThis as typeof globalThis & Holder;

export function loginLimiter(): FailureLimiter {
  const { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MINUTES } = env();
  holder.__statusTrackerLoginLimiter ??= new FailureLimiter({ maxFailures: LOGIN_MAX_FAILURES, windowMs: LOGIN_WINDOW_MINUTES * 60_000 });
  return holder.__statusTrackerLoginLimiter;
}

function localAdmin(): Promise<LocalAdmin | null> {
  const { ADMIN_USERNAME, ADMIN_PASSWORD } = env();
  holder.__statusTrackerLocalAdmin ??= ADMIN_USERNAME && ADMIN_PASSWORD ? hashLocalAdmin(ADMIN_USERNAME, ADMIN_PASSWORD) : Promise.resolve(null);
  return holder.__statusTrackerLocalAdmin;
}

const credentialsInput = z.object({ username: z.string().trim().min(1).max(200), password: z.string().min(1).max(1000) });

export type SignedIn = SessionUser & { id: string };

async function check(username: string, password: string): Promise<SignedIn | null> {
  const admin = await localAdmin();
  const localName = admin ? await verifyLocalAdmin(admin, username, password) : null;
  if (localName) return { id: `local:${localName.toLowerCase()}`, name: localName, idpAdmin: true };
  const { JELLYFIN_URL } = env();
  if (!JELLYFIN_URL) return null;
  const result = await authenticateByName({ baseUrl: JELLYFIN_URL }, { username, password });
  if (result.outcome === "rejected") return null;
  return { id: `jellyfin:${result.user.id}`, name: result.user.name, idpAdmin: result.user.isAdministrator };
}

/**
 * The Credentials provider's authorize(): local admin first, then Jellyfin. Counts failures per IP and per
 * username; refuses while either is over the limit (the auth route answers 429 before getting here).
 */
export async function authorizeCredentials(credentials: Partial<Record<string, unknown>>, request: Request): Promise<SignedIn | null> {
  const input = credentialsInput.safeParse(credentials);
  if (!input.success) return null;
  const { username, password } = input.data;
  const keys = limiterKeys(clientIp(request.headers), username);
  const limiter = loginLimiter();
  if (limiter.check(keys.all).blocked) throw new RateLimited();
  try {
    const user = await check(username, password);
    if (!user) {
      limiter.fail(keys.all);
      log.info("sign-in refused", { reason: "credentials" });
      return null;
    }
    limiter.clear(keys.user);
    log.info("signed in", { user: user.name, admin: user.idpAdmin });
    return user;
  } catch (error) {
    if (error instanceof AppError) {
      log.warn("sign-in unavailable", { message: error.message });
      throw new SignInUnavailable();
    }
    throw error;
  }
}
