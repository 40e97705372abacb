/**
 * npm run reliability — what a bad day costs, measured: a private PostgreSQL cluster and the app's intake as a
 * server process (tests/fault/), a steady stream of full flows from four senders, and then
 *   1. the database stopped for RELIABILITY_DOWN_SECONDS (default 30) and started again;
 *   2. the app killed with SIGKILL and started again.
 * Counts what the senders saw (acknowledged = 2xx, refused = 5xx or no answer at all) and what was lost
 * (acknowledged but never applied), how long recovery took, and whether every flow ended available. Writes the
 * figures to docs/reliability.md (its "Measured" section only).
 */
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { inArray } from "drizzle-orm";
import postgres from "postgres";
import type { Db } from "../db/client";
import * as schema from "../db/schema";
import { flowState } from "../tests/helpers/flow-state";
import { finalStage, mixedFlows, type Delivery, type Flow } from "../tests/helpers/flows";
import { dedupeKey, health, Sender, startApp, waitSettled, type App } from "../tests/fault/harness";
import { postPathologicalBodies } from "../tests/fault/pathological";
import { startPrivatePostgres, type PrivatePostgres } from "../tests/fault/postgres";
import { writeSubsection } from "./lib/bench-doc";

const DOWN_SECONDS = Number(process.env.RELIABILITY_DOWN_SECONDS ?? 30);
const DOC = path.join(process.cwd(), "docs/reliability.md");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Figures = {
  flows: number;
  sent: number;
  acknowledged: number;
  lost: number;
  refused: number;
  maxMs: number;
  recoveryMs: number;
  complete: number;
  note: string;
};

async function lost(db: Db, sender: Sender): Promise<number> {
  const keys = [...new Set(sender.acknowledged().map((o) => dedupeKey(o.delivery)))];
  const rows = await db
    .select({ key: schema.webhookDeliveries.dedupeKey, status: schema.webhookDeliveries.status })
    .from(schema.webhookDeliveries)
    .where(inArray(schema.webhookDeliveries.dedupeKey, keys));
  const applied = new Set(rows.filter((r) => r.status === "applied").map((r) => r.key));
  return keys.filter((k) => !applied.has(k)).length;
}

async function complete(db: Db, flows: Flow[]): Promise<number> {
  let n = 0;
  for (const flow of flows) {
    const state = await flowState(db, flow);
    if (state.length === 1 && state[0]?.stage === finalStage(flow.kind)) n += 1;
  }
  return n;
}

/** Four senders posting flows in order, 100 ms apart, until `until()` says stop and every started flow is done. */
function steadyStream(first: number, until: () => boolean, send: (d: Delivery) => Promise<unknown>) {
  const flows: Flow[] = [];
  let next = first;
  const done = Promise.all(
    Array.from({ length: 4 }, async () => {
      while (!until()) {
        const [flow] = mixedFlows(1, next++);
        flows.push(flow!);
        for (const d of flow!.deliveries) {
          await send(d);
          await sleep(100);
        }
      }
    }),
  );
  return { flows, done };
}

/** Lets the stream run 2 s more, stops it, waits until everything is applied and counts. */
async function finish(
  app: App,
  db: Db,
  sender: Sender,
  flows: Flow[],
  stopStream: () => Promise<void>,
  scenario: Pick<Figures, "recoveryMs" | "note">,
): Promise<Figures> {
  await sleep(2000);
  await stopStream();
  await waitSettled(app.url, 300_000);
  return {
    flows: flows.length,
    sent: sender.outcomes.length,
    acknowledged: sender.acknowledged().length,
    lost: await lost(db, sender),
    refused: sender.refused().length,
    // Answers only: a connection refused while the process was down has no answer time.
    maxMs: Math.max(...sender.outcomes.filter((o) => o.status !== null).map((o) => o.ms)),
    complete: await complete(db, flows),
    ...scenario,
  };
}

async function databaseRestart(pg: PrivatePostgres, app: App, db: Db): Promise<Figures> {
  const sender = new Sender(() => app.url);
  let stop = false;
  const { flows, done } = steadyStream(
    1,
    () => stop,
    (d) => sender.post(d),
  );
  await sleep(3000);
  await pg.stop();
  await sleep(DOWN_SECONDS * 1000);
  await pg.start();
  // The stream goes on meanwhile: recovery is when the spool has caught up with it.
  const recoveryMs = await waitSettled(app.url, 300_000);
  return finish(
    app,
    db,
    sender,
    flows,
    async () => {
      stop = true;
      await done;
    },
    { recoveryMs, note: `database down ${DOWN_SECONDS} s` },
  );
}

async function appKilled(app: App, db: Db): Promise<Figures> {
  const sender = new Sender(() => app.url);
  let stop = false;
  // A sender that gets no answer at all re-sends (the process was gone); a 2xx is never re-sent.
  const { flows, done } = steadyStream(
    10_001,
    () => stop,
    (d) => sender.deliver(d),
  );
  await sleep(3000);
  const killedAt = Date.now();
  await app.kill("SIGKILL");
  await app.start();
  const upMs = Date.now() - killedAt;
  const settledAt = Date.now() + (await waitSettled(app.url, 300_000));
  return finish(
    app,
    db,
    sender,
    flows,
    async () => {
      stop = true;
      await done;
    },
    { recoveryMs: settledAt - killedAt, note: `app back ${(upMs / 1000).toFixed(1)} s after the kill (process start included)` },
  );
}

function row(name: string, f: Figures): string {
  return `| ${name} | ${f.flows} | ${f.sent} | ${f.acknowledged} | **${f.lost}** | ${f.refused} | ${Math.round(f.maxMs)} ms | ${(f.recoveryMs / 1000).toFixed(1)} s | ${f.complete}/${f.flows} | ${f.note} |`;
}

async function main() {
  const load = loadavg()[0]?.toFixed(2) ?? "?";
  const pg = await startPrivatePostgres();
  const app = await startApp({ DATABASE_URL: pg.url, DATABASE_POOL_SIZE: "8" });
  const client = postgres(pg.url, { max: 2, onnotice: () => {} });
  const db = drizzle(client, { schema }) as unknown as Db;
  try {
    const restart = await databaseRestart(pg, app, db);
    console.log("database restart", restart);
    const kill = await appKilled(app, db);
    console.log("SIGKILL", kill);
    const bodies = await postPathologicalBodies(app.url);
    console.log("pathological bodies", bodies);
    const h = await health(app.url);
    const table = [
      "| scenario | flows | deliveries sent | acknowledged (2xx) | lost (acknowledged, never applied) | refused (5xx or no answer) | slowest answer | recovery | flows at their end stage | |",
      "|---|---|---|---|---|---|---|---|---|---|",
      row(`database stopped ${DOWN_SECONDS} s, then started`, restart),
      row("app killed with SIGKILL, then started", kill),
    ].join("\n");
    const body = [
      `Run ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} cores, load average ${load} at the start; health answered in ${Math.round(h.ms)} ms afterwards.`,
      "",
      table,
      "",
      "Recovery: from the database accepting connections again (or from the kill) until the spool is empty and no delivery is",
      "pending, i.e. until everything acknowledged has been applied. During the database outage every delivery was answered",
      "202 from the spool; during the kill the senders' connections were refused (those deliveries were never acknowledged",
      'and were re-sent by the test\'s senders once the app answered again; "refused" counts those attempts, one every 100 ms',
      "per sender while the process was down). The app's intake runs under tsx here (tests/fault/app-server.ts), so its",
      "start after the kill includes compiling TypeScript; `next start` on a build starts faster.",
      "",
      `Pathological bodies (tests/fault/pathological.ts, posted one after another): \`/api/health\` answered in at most ${Math.round(bodies.healthMaxMs)} ms`,
      `while they were processed (bound: 200 ms), against at most ${Math.round(bodies.idleMaxMs)} ms over 4 s with nothing else going on in the same run;`,
      `answers ${bodies.statuses.join(", ")}, never a 5xx; the app's CPU time per body: ${bodies.cpuMs.map(Math.round).join(", ")} ms (bound in the fault suite: 300 ms).`,
      `The slowest answer of the database-restart row includes every answer given while the database was down (bound: 2 s).`,
    ].join("\n");
    writeSubsection(
      DOC,
      "Measured",
      "Produced by `npm run reliability` (scripts/reliability.ts); re-running replaces this section.",
      "Latest run",
      body,
    );
    console.log(table);
  } catch (error) {
    console.error(app.output().slice(-6000));
    throw error;
  } finally {
    await client.end({ timeout: 1 }).catch(() => {});
    await app.destroy();
    await pg.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
