import { connection } from "next/server";
import { getDatabase } from "@/db/client";
import { LocalTime } from "@/components/portal/local-time";
import { deliverySourceWords, eventWords } from "@/lib/admin/delivery-words";
import { env } from "@/lib/env";
import { checkHealth, integrationNames, type Probe } from "@/lib/health/check";
import { clientsFromEnv } from "@/lib/integrations/clients";
import { workflowState } from "@/lib/workflows/boot";
import { TestButton } from "./test-button";

const label: Record<(typeof integrationNames)[number], string> = {
  qbittorrent: "qBittorrent",
  sonarr: "Sonarr",
  radarr: "Radarr",
  jellyfin: "Jellyfin",
  shoko: "Shoko",
  jellyseerr: "Jellyseerr",
};

function status(p: Probe): string {
  if (!p.configured) return "Not configured";
  if (!p.reachable) return `Unreachable: ${p.error ?? "no answer"}`;
  return `OK — version ${p.version ?? "?"}, ${p.latencyMs ?? "?"} ms`;
}

export default async function HealthPage() {
  await connection();
  const database = await getDatabase();
  const state = workflowState();
  const report = await checkHealth({
    db: database.db,
    clients: clientsFromEnv(),
    env: env(),
    shokoHubConnected: state.shokoHubConnected,
    lastSweepAt: state.lastSweepAt,
  });
  const { inngest } = report.workflows;
  return (
    <main className="mx-auto max-w-3xl space-y-6 p-4">
      <h1 className="text-2xl font-semibold">Health</h1>
      <section>
        <h2 className="mb-2 text-lg font-medium">Services</h2>
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {integrationNames.map((name) => (
            <li key={name} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="font-medium">{label[name]}</span>
              <span className="text-sm">{status(report.integrations[name])}</span>
              <TestButton action={`/api/admin/health/${name}`} label="Test" />
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-medium">Webhooks</h2>
        {report.webhooks.length === 0 ? <p className="text-sm">No webhook received yet.</p> : null}
        <ul className="text-sm">
          {report.webhooks.map((w) => (
            <li key={w.source}>
              {deliverySourceWords[w.source]}:{" "}
              {w.lastDeliveryAt ? (
                <>
                  last “{w.lastEventType ? eventWords(w.lastEventType) : "delivery"}”,{" "}
                  <LocalTime iso={w.lastDeliveryAt.toISOString()} mode="relative" />
                </>
              ) : (
                "nothing received yet"
              )}
            </li>
          ))}
        </ul>
      </section>
      <section className="space-y-1 text-sm">
        <h2 className="mb-2 text-lg font-medium">Workflows</h2>
        <p>
          Engine:{" "}
          {report.workflows.engine === "inngest"
            ? `Inngest (${inngest.reachable ? "reachable" : "unreachable"})`
            : "embedded timer (no Inngest server configured)"}
        </p>
        <p>Shoko hub: {!report.shokoHub.configured ? "not configured" : report.shokoHub.connected ? "connected" : "not connected"}</p>
        <p>Outbox backlog: {report.outbox.backlog}</p>
        <p>
          Delivery spool: {report.intake.spool.records} waiting ({Math.ceil(report.intake.spool.bytes / 1024)} kB)
          {report.intake.spool.writable ? "" : " — the spool directory cannot be written"}
        </p>
        <p>
          Deliveries pending a retry: {report.intake.pending}; failed: {report.intake.failed}; early signals waiting: {report.intake.parked}
        </p>
        <p>
          Last sweep here: {report.workflows.lastSweepAt ? <LocalTime iso={report.workflows.lastSweepAt.toISOString()} mode="relative" /> : "not yet"}
        </p>
        <TestButton action="/api/admin/sweep" label="Run the sweep now" />
      </section>
    </main>
  );
}
