import "server-only";
import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { authenticateByName } from "@/lib/integrations/jellyfin/client";
import { log } from "@/lib/log";
import { hashLocalAdmin, verifyLocalAdmin, type LocalAdmin } from "./local-admin";
import type { SessionUser } from "./session";
import { attemptOf, claimSignIn, settleSignIn } from "./sign-in-throttle";

/** Codes shown in `?code=` after a failed sign-in; none says whether the name or the password was wrong. */
class RateLimited extends CredentialsSignin {
  override code = "rate_limited";
}
class SignInUnavailable extends CredentialsSignin {
  override code = "unavailable";
}

type Holder = { __statusTrackerLocalAdmin?: Promise<LocalAdmin | null> };
const holder = globalThis as typeof globalThis & Holder;

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
 * The Credentials provider's authorize(): local admin first, then Jellyfin. Throttled per (address, name)
 * and per address in the database (lib/auth/throttle.ts): an attempt is counted before the password is
 * checked and refunded when it succeeds, so parallel guesses cannot outrun the count.
 */
export async function authorizeCredentials(credentials: Partial<Record<string, unknown>>, request: Request): Promise<SignedIn | null> {
  const input = credentialsInput.safeParse(credentials);
  if (!input.success) return null;
  const { username, password } = input.data;
  const attempt = attemptOf(request.headers, username);
  const verdict = await claimSignIn(attempt);
  if (!verdict.allowed) {
    log.info("sign-in throttled", { reason: verdict.reason, retryAfterSeconds: verdict.retryAfterSeconds });
    throw new RateLimited();
  }
  try {
    const user = await check(username, password);
    await settleSignIn(attempt, user ? "signed_in" : "refused");
    if (!user) {
      log.info("sign-in refused", { reason: "credentials" });
      return null;
    }
    log.info("signed in", { user: user.name, admin: user.idpAdmin });
    return user;
  } catch (error) {
    if (error instanceof AppError) {
      await settleSignIn(attempt, "unavailable");
      log.warn("sign-in unavailable", { message: error.message });
      throw new SignInUnavailable();
    }
    throw error;
  }
}
