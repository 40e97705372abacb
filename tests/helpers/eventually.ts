import { vi } from "vitest";

type Options = { timeout?: number; interval?: number };

/**
 * vi.waitFor with room for a crowded machine (its default gives up after 1 s): it returns as soon as `check`
 * passes, so the longer limit costs nothing when things are quick.
 */
export function eventually<T>(check: () => T | Promise<T>, { timeout = 10_000, interval = 20 }: Options = {}): Promise<T> {
  return vi.waitFor(check, { timeout, interval });
}
