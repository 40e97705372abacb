import "server-only";
import type { DownloadRow } from "@/db/schema";
import type { DomainEvent } from "@/lib/domain/events";
import type { Clients } from "@/lib/integrations/clients";
import { torrentEvent } from "../poller";
import type { Diagnosis } from "./queue";
import type { Thresholds } from "./thresholds";
import type { SweepItem } from "./items";

/**
 * A download the webhooks went quiet about: qBittorrent says whether it finished (a missed "finished" call),
 * still moves, or is gone. Only changes are returned, so a repeated sweep writes nothing new.
 */
export async function checkDownloads(input: {
  clients: Clients;
  items: SweepItem[];
  /** Items past their threshold: only these get a finding. */
  stuck: SweepItem[];
  downloads: DownloadRow[];
  now: Date;
  thresholds: Thresholds;
}): Promise<{ events: DomainEvent[]; findings: Diagnosis[]; missing: string[] }> {
  const { clients, items, downloads } = input;
  const events: DomainEvent[] = [];
  const findings: Diagnosis[] = [];
  const missing: string[] = [];
  const hashes = [...new Set(items.filter((i) => i.hash && ["grabbing", "downloading", "downloaded"].includes(i.stage)).map((i) => i.hash!))];
  if (!clients.qbit || hashes.length === 0) return { events, findings, missing: hashes };
  const torrents = new Map((await clients.qbit.torrents(hashes)).map((t) => [t.hash, t]));
  for (const hash of hashes) {
    const row = downloads.find((d) => d.hash === hash);
    const torrent = torrents.get(hash);
    if (!torrent) {
      missing.push(hash);
      continue;
    }
    if (!row || row.status === "completed" || row.status === "imported") continue;
    const event = torrentEvent(row, torrent);
    if (event) events.push(event);
    const item = input.stuck.find((i) => i.hash === hash);
    if (event?.type !== "download.completed" && item?.stage === "downloading") {
      // A steady sentence: the age and live numbers are shown beside it, so a repeat finding is the same finding.
      findings.push({ kind: "stalled", reason: `Still downloading long after it started (qBittorrent says ${torrent.state})` });
    }
  }
  return { events, findings, missing };
}
