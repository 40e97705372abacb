import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { countDeliveriesByStatus } from "@/db/queries/deliveries";
import { countParkedSignals } from "@/db/queries/parked";
import { listSourceStatus } from "@/db/queries/sources";
import { outboxBacklog } from "@/db/queries/workflows";
import { inngestConfigured, type Env } from "@/lib/env";
import type { Clients } from "@/lib/integrations/clients";
import { spoolBacklog } from "@/lib/ingest/intake";
import { httpRequest } from "@/lib/integrations/http";

export const integrationNames = ["qbittorrent", "sonarr", "radarr", "jellyfin", "shoko", "jellyseerr"] as const;
export type IntegrationName = (typeof integrationNames)[number];

export type Probe = { configured: boolean; reachable: boolean | null; latencyMs: number | null; version: string | null; error: string | null };

export function isIntegrationName(value: string): value is IntegrationName {
  return (integrationNames as readonly string[]).includes(value);
}

const versionOf: Record<IntegrationName, (c: Clients) => (() => Promise<string>) | null> = {
  qbittorrent: (c) => (c.qbit ? () => c.qbit!.version() : null),
  sonarr: (c) => (c.sonarr ? async () => (await c.sonarr!.status()).version : null),
  radarr: (c) => (c.radarr ? async () => (await c.radarr!.status()).version : null),
  jellyfin: (c) => (c.jellyfin ? async () => (await c.jellyfin!.publicInfo()).version : null),
  shoko: (c) => (c.shoko ? () => c.shoko!.version() : null),
  jellyseerr: (c) => (c.jellyseerr ? async () => (await c.jellyseerr!.status()).version : null),
};

/** One integration: configured, reachable, how fast, which version. The error names service and path only. */
export async function probeIntegration(name: IntegrationName, clients: Clients): Promise<Probe> {
  const call = versionOf[name](clients);
  if (!call) return { configured: false, reachable: null, latencyMs: null, version: null, error: null };
  const started = performance.now();
  try {
    const version = await call();
    return { configured: true, reachable: true, latencyMs: Math.round(performance.now() - started), version, error: null };
  } catch (error) {
    return { configured: true, reachable: false, latencyMs: null, version: null, error: error instanceof Error ? error.message : String(error) };
  }
}

async function probeInngest(e: Env): Promise<{ configured: boolean; reachable: boolean | null }> {
  if (!inngestConfigured(e)) return { configured: false, reachable: null };
  const baseUrl = e.INNGEST_BASE_URL ?? "https://inn.gs";
  try {
    await httpRequest({ service: "Inngest", baseUrl, timeoutMs: 2000, retries: 0 }, { path: "/" });
    return { configured: true, reachable: true };
  } catch {
    return { configured: true, reachable: false };
  }
}

/** Everything the health page shows; nothing secret (no URLs with credentials, no keys). */
export async function checkHealth(input: { db: Db; clients: Clients; env: Env; shokoHubConnected: boolean | null; lastSweepAt: Date | null }) {
  const { db, clients, env } = input;
  await db.execute(sql`select 1`);
  const probes = await Promise.all(integrationNames.map(async (n) => [n, await probeIntegration(n, clients)] as const));
  const [sources, deliveries, parked, spool] = await Promise.all([
    listSourceStatus({ db }),
    countDeliveriesByStatus({ db }),
    countParkedSignals({ db }),
    spoolBacklog(),
  ]);
  return {
    integrations: Object.fromEntries(probes) as Record<IntegrationName, Probe>,
    webhooks: sources.map((s) => ({
      source: s.source,
      lastDeliveryAt: s.lastDeliveryAt,
      lastEventType: s.lastEventType,
      connectedAt: s.connectedAt,
    })),
    shokoHub: { configured: clients.shoko !== null, connected: input.shokoHubConnected },
    workflows: { engine: inngestConfigured(env) ? "inngest" : "embedded", inngest: await probeInngest(env), lastSweepAt: input.lastSweepAt },
    outbox: { backlog: await outboxBacklog({ db }) },
    /** Deliveries acknowledged but not applied yet: in the spool (database was away), pending retries, failed. */
    intake: { spool, pending: deliveries.pending, failed: deliveries.failed, parked },
  };
}

export type HealthReport = Awaited<ReturnType<typeof checkHealth>>;
