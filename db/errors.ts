/** What a database error is, by its SQLSTATE or the driver's own code; pure, no I/O. */

type Coded = { code?: unknown; errno?: unknown; cause?: unknown } | null;

export function pgCode(error: unknown): string | undefined {
  let current = error as Coded;
  for (let depth = 0; current && depth < 4; depth += 1) {
    if (typeof current.code === "string") return current.code;
    current = current.cause as Coded;
  }
  return undefined;
}

/**
 * The app's own SQLSTATEs (class ST), raised by `abort_transaction` (migration 0014) from a statement sent with its
 * transaction's commit, so that the commit becomes a rollback.
 */
export const ABORTED = {
  /** The delivery was applied before: this application of it must not commit. */
  deliveryApplied: "ST001",
  /** Parked signals wait for what the transaction changed: it must run again and apply them before it commits. */
  signalsWaiting: "ST002",
} as const;

export function isAborted(error: unknown, reason: keyof typeof ABORTED): boolean {
  return pgCode(error) === ABORTED[reason];
}

/** Deadlock detected, serialization failure: the same transaction succeeds when run again. */
const CONFLICT_CODES = new Set(["40P01", "40001"]);

/**
 * The connection, not the statement, failed: the server restarted or went away (57P01 admin shutdown, 57P02
 * crash shutdown, 57P03 cannot connect now, class 08), or postgres.js / Node lost the socket. Worth running the
 * whole transaction again on a fresh connection.
 */
const CONNECTION_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

export function isConflictError(error: unknown): boolean {
  return CONFLICT_CODES.has(pgCode(error) ?? "");
}

export function isConnectionError(error: unknown): boolean {
  const code = pgCode(error) ?? "";
  return CONNECTION_CODES.has(code) || code.startsWith("08");
}

/** What went wrong in words for the admin: the database's own message, not the driver's echo of the query. */
export function describeDbError(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const inner = cause instanceof Error ? cause : error instanceof Error ? error : null;
  const code = pgCode(error);
  const message = inner?.message ?? String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
