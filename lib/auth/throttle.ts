/**
 * Sign-in throttling, decided from counts of recent failures (pure; the counts live in the database).
 *   - per (address, name): the first `freeFailures` failures cost nothing; after that each try waits
 *     30 s, 1 min, 2 min … after the last failure, at most the window. One person's typos only slow that
 *     person, from that place: the same name elsewhere and other names here are untouched.
 *   - per address, any names: after `addressMax` failures within the window the address is refused
 *     until the window has passed since its last failure (many names tried from one place).
 * Failures older than the window are forgotten.
 */
export type FailureCount = { failures: number; lastFailureAt: Date };

export type ThrottleConfig = { freeFailures: number; addressMax: number; windowMs: number };

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: "name" | "address" };

export function recentFailures(count: FailureCount | null, now: Date, windowMs: number): number {
  if (!count || now.getTime() - count.lastFailureAt.getTime() >= windowMs) return 0;
  return count.failures;
}

/** How long after its last failure a (name, address) pair with `failures` recent failures must wait. */
const FIRST_WAIT_MS = 30_000;

export function pairWaitMs(failures: number, config: ThrottleConfig): number {
  if (failures < config.freeFailures) return 0;
  const doublings = Math.min(failures - config.freeFailures, 40);
  return Math.min(config.windowMs, FIRST_WAIT_MS * 2 ** doublings);
}

export function throttleVerdict(
  counts: { pair: FailureCount | null; address: FailureCount | null },
  now: Date,
  config: ThrottleConfig,
): ThrottleVerdict {
  const seconds = (until: number) => Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  const { pair, address } = counts;
  if (address && recentFailures(address, now, config.windowMs) >= config.addressMax) {
    return { allowed: false, reason: "address", retryAfterSeconds: seconds(address.lastFailureAt.getTime() + config.windowMs) };
  }
  const wait = pair ? pairWaitMs(recentFailures(pair, now, config.windowMs), config) : 0;
  if (pair && wait > 0 && now.getTime() < pair.lastFailureAt.getTime() + wait) {
    return { allowed: false, reason: "name", retryAfterSeconds: seconds(pair.lastFailureAt.getTime() + wait) };
  }
  return { allowed: true };
}
