import "server-only";
import { inArray, isNotNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { downloads, episodes, requests } from "@/db/schema";
import type { AttentionKind } from "@/lib/domain/attention";
import type { DomainEvent } from "@/lib/domain/events";
import type { ArrBase } from "@/lib/integrations/arr/client";
import type { ArrQueueRecord } from "@/lib/integrations/arr/schema";

/** `specific`: the reason is the upstream's own message, not the tracker's guess. */
export type Diagnosis = { kind: AttentionKind; reason: string; specific?: boolean };

/** Reasons the queue check owns: it may clear these once the queue no longer shows the problem. */
const queuePrefixes = ["Import blocked:", "Stalled:", "Download failed:", "Download warning:", "Download client unavailable"];

function messagesOf(r: ArrQueueRecord): string[] {
  const fromStatus = r.statusMessages.flatMap((m) => (m.messages.length > 0 ? m.messages : m.title ? [m.title] : []));
  return [...new Set([...fromStatus, ...(r.errorMessage ? [r.errorMessage] : [])])];
}

/** One queue record in plain words, or null when it is healthy. */
export function diagnoseQueueRecord(r: ArrQueueRecord, service: string): Diagnosis | null {
  const state = (r.trackedDownloadState ?? "").toLowerCase();
  const status = (r.trackedDownloadStatus ?? "").toLowerCase();
  const messages = messagesOf(r);
  const said = messages.join("; ");
  if (state === "importblocked" || (state === "importpending" && status !== "ok" && status !== "")) {
    return { kind: "import_blocked", reason: `Import blocked: ${said || `${service} needs someone to import it by hand`}`, specific: true };
  }
  if (state === "failed" || state === "failedpending") {
    return { kind: "upstream_error", reason: `Download failed: ${said || "the download client reported an error"}`, specific: true };
  }
  if ((r.status ?? "").toLowerCase() === "downloadclientunavailable") {
    return { kind: "upstream_error", reason: `Download client unavailable: ${service} cannot reach it` };
  }
  if (status === "warning" || status === "error") {
    const stalled = messages.find((m) => /stalled/i.test(m));
    if (stalled)
      return { kind: "stalled", reason: `Stalled: ${stalled.replace(/^the download is stalled with /i, "").replace(/\.$/, "")}`, specific: true };
    return { kind: "upstream_error", reason: `Download warning: ${said || `${service} flags this download`}`, specific: true };
  }
  return null;
}

const severity: Record<AttentionKind, number> = { import_blocked: 4, upstream_error: 3, stalled: 2, match_failed: 1, not_found_in_library: 0 };

/**
 * Reads Sonarr's and Radarr's whole queues once and turns each download's state into attention for the
 * requests it feeds; a queue-raised reason whose download no longer shows a problem is cleared.
 */
export async function diagnoseQueues(input: { db: Db; arrs: { service: "Sonarr" | "Radarr"; client: ArrBase }[] }): Promise<DomainEvent[]> {
  const found = new Map<string, Diagnosis>();
  for (const { service, client } of input.arrs) {
    for (const record of await client.queue()) {
      const diagnosis = record.downloadId ? diagnoseQueueRecord(record, service) : null;
      if (!diagnosis || !record.downloadId) continue;
      const current = found.get(record.downloadId);
      if (!current || severity[diagnosis.kind] > severity[current.kind]) found.set(record.downloadId, diagnosis);
    }
  }
  const byRequest = await requestsOfDownloads(input.db, [...found.keys()]);
  const events: DomainEvent[] = [];
  const raised = new Set<number>();
  for (const [hash, diagnosis] of found) {
    for (const requestId of byRequest.get(hash) ?? []) {
      if (raised.has(requestId)) continue;
      raised.add(requestId);
      events.push({ type: "attention.raised", requestId, ...diagnosis });
    }
  }
  const flagged = await input.db.select().from(requests).where(isNotNull(requests.attentionKind));
  for (const row of flagged) {
    if (raised.has(row.id) || !queuePrefixes.some((p) => row.attentionReason?.startsWith(p))) continue;
    events.push({
      type: "attention.cleared",
      requestId: row.id,
      kinds: ["import_blocked", "stalled", "upstream_error"],
      message: "The download queue no longer reports a problem",
    });
  }
  return events;
}

async function requestsOfDownloads(db: Db, hashes: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (hashes.length === 0) return out;
  const add = (hash: string | null, id: number | null) => {
    if (!hash || id === null) return;
    out.set(hash, [...new Set([...(out.get(hash) ?? []), id])]);
  };
  const rows = await db.select({ hash: downloads.hash, requestId: downloads.requestId }).from(downloads).where(inArray(downloads.hash, hashes));
  for (const r of rows) add(r.hash, r.requestId);
  const eps = await db
    .selectDistinct({ hash: episodes.downloadHash, requestId: episodes.requestId })
    .from(episodes)
    .where(or(inArray(episodes.downloadHash, hashes)));
  for (const e of eps) add(e.hash, e.requestId);
  return out;
}
