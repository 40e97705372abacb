import { jsonResponse, type JsonAnswer } from "@/lib/http/json";
import { log } from "@/lib/log";

export const errorCodes = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  service_unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export type IssueDetail = { path: string; message: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: IssueDetail[],
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** Maps any thrown value to a JSON answer; unknown errors never leak their detail. */
export function errorAnswer(error: unknown): JsonAnswer {
  if (error instanceof AppError) {
    const body: Record<string, unknown> = { error: error.code, message: error.message };
    if (error.issues) body.issues = error.issues;
    return { status: errorCodes[error.code], body };
  }
  log.error("unhandled error", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return { status: 500, body: { error: "internal", message: "Internal server error" } };
}

/** Maps any thrown value to a JSON response (see errorAnswer). */
export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  const answer = errorAnswer(error);
  return jsonResponse(answer.body, { status: answer.status, headers });
}
