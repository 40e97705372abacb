import "server-only";
import { getDb } from "@/db/client";
import { addSignInFailure, lockSignInFailures, pruneSignInFailures, readSignInFailures, refundSignInFailure } from "@/db/queries/sign-in-failures";
import { env, type Env } from "@/lib/env";
import { addressMatcher } from "@/lib/http/address-list";
import { clientAddress } from "./client-ip";
import { throttleVerdict, type ThrottleConfig, type ThrottleVerdict } from "./throttle";

/** Who is trying to sign in, as the throttle counts them: the client's address and the lower-case name. */
export type Attempt = { address: string; username: string };

let trusted: { entries: Env["TRUSTED_PROXIES"]; matches: (address: string) => boolean } | undefined;

function isTrustedProxy(address: string): boolean {
  const entries = env().TRUSTED_PROXIES;
  if (trusted?.entries !== entries) trusted = { entries, matches: addressMatcher(entries) };
  return trusted.matches(address);
}

export function attemptOf(headers: Headers, username: string): Attempt {
  return { address: clientAddress(headers, isTrustedProxy), username: username.trim().toLowerCase().slice(0, 200) };
}

function config(): ThrottleConfig {
  const e = env();
  return { freeFailures: e.LOGIN_MAX_FAILURES, addressMax: e.LOGIN_ADDRESS_MAX_FAILURES, windowMs: e.LOGIN_WINDOW_MINUTES * 60_000 };
}

/** Whether an attempt may go ahead now, without counting it (the sign-in route's early 429). */
export async function peekSignIn(attempt: Attempt, now = new Date()): Promise<ThrottleVerdict> {
  return throttleVerdict(await readSignInFailures({ db: await getDb(), ...attempt }), now, config());
}

/**
 * Lets an attempt go ahead and counts it as a failure in advance, in one short transaction; parallel
 * attempts queue on the rows' lock, so a burst cannot slip past the delay. A success or an attempt the
 * sign-in source could not answer is then refunded by `settleSignIn`.
 */
export async function claimSignIn(attempt: Attempt, now = new Date()): Promise<ThrottleVerdict> {
  const { windowMs } = config();
  const windowStart = new Date(now.getTime() - windowMs);
  const db = await getDb();
  return db.transaction(async (tx) => {
    await pruneSignInFailures({ db: tx, before: new Date(now.getTime() - 2 * windowMs) });
    const verdict = throttleVerdict(await lockSignInFailures({ db: tx, ...attempt }), now, config());
    if (verdict.allowed) await addSignInFailure({ db: tx, ...attempt, now, windowStart });
    return verdict;
  });
}

/** After a claimed attempt: a wrong password stays counted; a sign-in clears the name's count. */
export async function settleSignIn(attempt: Attempt, outcome: "signed_in" | "refused" | "unavailable"): Promise<void> {
  if (outcome === "refused") return;
  await refundSignInFailure({ db: await getDb(), ...attempt, clearName: outcome === "signed_in" });
}
