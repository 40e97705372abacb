import type { JsonAnswer } from "@/lib/http/json";
import type { IntakeResult } from "./intake";

/**
 * The HTTP answer for a received delivery. 2xx means it will take effect: applied now, kept pending for a
 * retry, or spooled while the database is away. 503 only when it could not be kept anywhere (the sender should
 * try again after Retry-After).
 */
export function ingestAnswer(result: IntakeResult): JsonAnswer {
  switch (result.kind) {
    case "applied":
      return {
        status: 200,
        body: {
          deliveryId: result.deliveryId,
          eventType: result.eventType,
          applied: result.applied,
          ...(result.parked > 0 ? { parked: result.parked } : {}),
        },
      };
    case "duplicate":
      return { status: 200, body: { eventType: result.eventType, applied: [], duplicate: true } };
    case "ignored":
      return { status: 202, body: { deliveryId: result.deliveryId, eventType: result.eventType, ignored: result.reason } };
    case "rejected":
      return { status: 400, body: { error: "bad_request", message: result.message, issues: result.issues, deliveryId: result.deliveryId } };
    case "pending":
      return {
        status: 202,
        body: { deliveryId: result.deliveryId, stored: true, pending: true, message: "The delivery is recorded and will be applied by a retry" },
      };
    case "spooled":
      return {
        status: 202,
        body: { stored: true, spooled: true, message: "The database is unavailable; the delivery is kept and will be applied" },
      };
    case "refused":
      return {
        status: 503,
        body: { error: "service_unavailable", message: result.message },
        headers: { "retry-after": String(result.retryAfterSeconds) },
      };
  }
}
