/**
 * Failed sign-ins per key (an IP address, a username) in a sliding window. Kept in this process's memory:
 * enough for one household instance; a restart forgets it and several instances each count their own.
 */
export type LimitCheck = { blocked: false } | { blocked: true; retryAfterSeconds: number };

const MAX_KEYS = 10_000;

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly options: { maxFailures: number; windowMs: number; now?: () => number },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => now - at < this.options.windowMs);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Blocked when any key has used up its failures; Retry-After is when the oldest one ages out. */
  check(keys: readonly string[]): LimitCheck {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.options.maxFailures) {
        const oldest = recent[recent.length - this.options.maxFailures] ?? now;
        wait = Math.max(wait, oldest + this.options.windowMs - now);
      }
    }
    return wait > 0 ? { blocked: true, retryAfterSeconds: Math.ceil(wait / 1000) } : { blocked: false };
  }

  fail(keys: readonly string[]): void {
    const now = this.now();
    for (const key of keys) {
      const recent = this.recent(key, now);
      this.failures.delete(key); // re-insert so the map's order is least recently failed first
      this.failures.set(key, [...recent, now].slice(-this.options.maxFailures));
    }
    this.evict();
  }

  /** A correct password clears that username's count; the IP's count stays. */
  clear(key: string): void {
    this.failures.delete(key);
  }

  /** Bounded memory under a flood of made-up usernames: the least recently failed keys go first. */
  private evict(): void {
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_KEYS) return;
      this.failures.delete(key);
    }
  }
}
