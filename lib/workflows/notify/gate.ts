/**
 * When the notification pass has to run. Most seconds nothing has happened: the pass (a dozen reads) runs only when
 * the timeline moved, when a message comes due, and at least once a minute, for what time alone makes true (a request
 * stuck for hours, the daily digest) and for what another instance changed. A pass that saw the timeline move is
 * followed by one more: a transaction that took an earlier sequence number may commit just after the newest row.
 */
export const FULL_PASS_MS = 60_000;

/** What the last pass saw; null before the first. */
export type NotifyGateState = {
  /** The newest timeline row when the last pass ran. */
  seq: number;
  /** When it ran (ms since epoch). */
  passAt: number;
  /** The soonest an open message comes due after it (ms since epoch), null when none waits. */
  nextDueAt: number | null;
  /** The last pass ran because the timeline moved: the next tick passes once more. */
  settling: boolean;
} | null;

export function notifyPassDue(state: NotifyGateState, now: number, seq: number): boolean {
  if (state === null) return true;
  return seq !== state.seq || state.settling || now - state.passAt >= FULL_PASS_MS || (state.nextDueAt !== null && state.nextDueAt <= now);
}

/** The state after a pass that ran at `now` having seen `seq`. */
export function afterNotifyPass(state: NotifyGateState, now: number, seq: number, nextDueAt: number | null): NotifyGateState {
  return { seq, passAt: now, nextDueAt, settling: state !== null && seq !== state.seq };
}
