import { jsonResponse } from "@/lib/http/json";
import type { IntakeResult } from "./intake";

/**
 * The HTTP answer for a received delivery. 2xx means it will take effect: applied now, kept pending for a
 * retry, or spooled while the database is away. 503 only when it could not be kept anywhere (the sender should
 * try again after Retry-After).
 */
export function ingestResponse(result: IntakeResult): Response {
  switch (result.kind) {
    case "applied":
      return jsonResponse({
        deliveryId: result.deliveryId,
        eventType: result.eventType,
        applied: result.applied,
        ...(result.parked > 0 ? { parked: result.parked } : {}),
      });
    case "duplicate":
      return jsonResponse({ eventType: result.eventType, applied: [], duplicate: true });
    case "ignored":
      return jsonResponse({ deliveryId: result.deliveryId, eventType: result.eventType, ignored: result.reason }, { status: 202 });
    case "rejected":
      return jsonResponse({ error: "bad_request", message: result.message, issues: result.issues, deliveryId: result.deliveryId }, { status: 400 });
    case "pending":
      return jsonResponse(
        { deliveryId: result.deliveryId, stored: true, pending: true, message: "The delivery is recorded and will be applied by a retry" },
        { status: 202 },
      );
    case "spooled":
      return jsonResponse(
        { stored: true, spooled: true, message: "The database is unavailable; the delivery is kept and will be applied" },
        { status: 202 },
      );
    case "refused":
      return jsonResponse(
        { error: "service_unavailable", message: result.message },
        { status: 503, headers: { "retry-after": String(result.retryAfterSeconds) } },
      );
  }
}
