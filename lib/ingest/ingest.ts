import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { findDeliveryId, insertDelivery } from "@/db/queries/deliveries";
import { recordSourceDelivery } from "@/db/queries/sources";
import type { DomainEvent } from "@/lib/domain/events";
import type { IssueDetail } from "@/lib/errors";
import { webhookMappers } from "@/lib/integrations/mappers";
import type { WebhookSource } from "@/lib/integrations/webhook";
import { log } from "@/lib/log";
import { applyEvent } from "./apply";
import { createContext, flush, type AppliedEntry } from "./context";
import { decodeBody, storedBody } from "./decode";

export type IngestResult =
  | { kind: "applied"; deliveryId: number; eventType: string; applied: AppliedEntry[] }
  | { kind: "duplicate"; deliveryId: number | null; eventType: string }
  | { kind: "ignored"; deliveryId: number | null; eventType: string; reason: string }
  | { kind: "rejected"; deliveryId: number | null; message: string; issues: IssueDetail[] }
  | { kind: "error"; deliveryId: number | null };

const RETRYABLE = new Set(["40P01", "40001"]); // deadlock detected, serialization failure

function pgCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

/** Thrown inside the transaction to roll back the work of a delivery that was already recorded. */
class DuplicateDelivery extends Error {}

/**
 * The inbox row, its effects, the timeline and the outbox commit together or not at all. The inbox row is
 * written last: its unique key turns a concurrent or later replay into a rollback, and the common path saves
 * a round trip.
 */
async function applyInTransaction(
  db: Db,
  input: { source: WebhookSource; eventType: string; events: DomainEvent[]; dedupeKey: string; body: string; contentType: string | null },
): Promise<IngestResult> {
  try {
    return await db.transaction(async (tx) => {
      const now = new Date();
      const ctx = createContext(tx, input.source, now);
      for (const event of input.events) await applyEvent(ctx, event);
      const [, deliveryId] = await Promise.all([
        flush(ctx),
        insertDelivery({
          db: tx,
          values: {
            source: input.source,
            eventType: input.eventType,
            dedupeKey: input.dedupeKey,
            status: "applied",
            contentType: input.contentType,
            body: input.body,
            receivedAt: now,
            requestIds: [...new Set(ctx.applied.map((a) => a.requestId))],
          },
        }),
      ]);
      if (deliveryId === null) throw new DuplicateDelivery();
      return { kind: "applied" as const, deliveryId, eventType: input.eventType, applied: ctx.applied };
    });
  } catch (error) {
    if (error instanceof DuplicateDelivery) return { kind: "duplicate", deliveryId: null, eventType: input.eventType };
    throw error;
  }
}

async function storeUnapplied(
  db: Db,
  values: { source: WebhookSource; eventType: string | null; dedupeKey: string; status: "ignored" | "rejected" | "error"; body: string; contentType: string | null; error?: string },
): Promise<number | null> {
  const id = await insertDelivery({ db, values: { ...values, error: values.error ?? null } });
  return id ?? (await findDeliveryId({ db, source: values.source, dedupeKey: values.dedupeKey }));
}

/**
 * One webhook delivery, end to end: decode, map to domain events, apply them in one transaction with its
 * inbox row. A replay of the same bytes is a no-op; a body we cannot read is kept as rejected.
 */
export async function ingestWebhook(input: { db: Db; source: WebhookSource; contentType: string | null; raw: Uint8Array }): Promise<IngestResult> {
  const { db, source, contentType, raw } = input;
  const dedupeKey = createHash("sha256").update(raw).digest("hex");
  const decoded = await decodeBody(raw, contentType);
  const body = storedBody(raw, decoded);

  if (!decoded.ok) {
    const deliveryId = await storeUnapplied(db, { source, eventType: null, dedupeKey, status: "rejected", body, contentType, error: decoded.message });
    return { kind: "rejected", deliveryId, message: decoded.message, issues: [{ path: "(body)", message: decoded.message }] };
  }

  const mapped = webhookMappers[source](decoded.value);
  if (mapped.outcome === "invalid") {
    const error = mapped.issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    const deliveryId = await storeUnapplied(db, { source, eventType: mapped.eventType, dedupeKey, status: "rejected", body, contentType, error });
    return { kind: "rejected", deliveryId, message: "The body does not match the expected format", issues: mapped.issues };
  }
  if (mapped.outcome === "ignored") {
    const deliveryId = await storeUnapplied(db, { source, eventType: mapped.eventType, dedupeKey, status: "ignored", body, contentType, error: mapped.reason });
    await recordSourceDelivery({ db, source, eventType: mapped.eventType, connected: false });
    return { kind: "ignored", deliveryId, eventType: mapped.eventType, reason: mapped.reason };
  }

  const connected = mapped.events.some((e) => e.type === "source.connected");
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await applyInTransaction(db, { source, eventType: mapped.eventType, events: mapped.events, dedupeKey, body, contentType });
      await recordSourceDelivery({ db, source, eventType: mapped.eventType, connected });
      return result;
    } catch (error) {
      if (attempt < 4 && RETRYABLE.has(pgCode(error) ?? "")) continue;
      const detail = error instanceof Error ? error.message : String(error);
      log.error("webhook could not be applied", { source, eventType: mapped.eventType, error: error instanceof Error ? error.stack : detail });
      const deliveryId = await storeUnapplied(db, { source, eventType: mapped.eventType, dedupeKey, status: "error", body, contentType, error: detail.slice(0, 2000) });
      return { kind: "error", deliveryId };
    }
  }
}
