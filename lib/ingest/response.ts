import { jsonResponse } from "@/lib/http/json";
import type { IngestResult } from "./ingest";

/** The HTTP answer for an ingest result. Never a 5xx: a delivery we could not apply is kept for replay. */
export function ingestResponse(result: IngestResult): Response {
  switch (result.kind) {
    case "applied":
      return jsonResponse({ deliveryId: result.deliveryId, eventType: result.eventType, applied: result.applied });
    case "duplicate":
      return jsonResponse({ eventType: result.eventType, applied: [], duplicate: true });
    case "ignored":
      return jsonResponse({ deliveryId: result.deliveryId, eventType: result.eventType, ignored: result.reason }, { status: 202 });
    case "rejected":
      return jsonResponse(
        { error: "bad_request", message: result.message, issues: result.issues, deliveryId: result.deliveryId },
        { status: 400 },
      );
    case "error":
      return jsonResponse(
        { deliveryId: result.deliveryId, stored: true, message: "The delivery was stored but could not be applied; it is kept for diagnosis" },
        { status: 202 },
      );
  }
}
