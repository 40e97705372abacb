/**
 * `npm run demo`: the app on a fresh embedded database, every upstream service simulated on loopback, and
 * requests flowing through all of it, so the portal moves without any media stack at hand.
 *
 * Honours the app's own variables (PORT, ADMIN_USERNAME/ADMIN_PASSWORD, API_TOKEN, AUTH_SECRET,
 * WEBHOOK_SECRET, LOG_LEVEL, EMBEDDED_POSTGRES_USER …) plus DEMO_DATA_DIR (default .data/demo; its database is
 * made afresh each run), DEMO_BATCH_SECONDS (default 25) and DEMO_PACE (default 1, the demo as people watch it):
 * a time scale for the whole story — each scenario's steps and downloads, the batch interval, the trouble cases'
 * resolution and the app's poll, sweep and notification-batch intervals the demo sets. 0.75 plays it in three
 * quarters of the time; below that the one-minute sweep thresholds (which do not scale) would no longer let the
 * trouble cases show before they are sorted out (scripts/demo/pace.ts).
 */
import { randomBytes } from "node:crypto";
import { setMaxListeners } from "node:events";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { EMBEDDED_POSTGRES_DEFAULTS } from "../db/embedded/defaults";
import { startSimulators } from "../tests/fakes/stack";
import { build, buildIsCurrent, startApp, type App } from "./demo/app";
import { household } from "./demo/cast";
import { prepareDemoDatabase } from "./demo/database";
import { firstUid, runScenario, sleep, webhookSender } from "./demo/engine";
import { seedExistingLibrary } from "./demo/library";
import { demoPace, pacedAppSettings } from "./demo/pace";
import { scenarios } from "./demo/scenarios";

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const say = (line: string) => process.stdout.write(`${line}\n`);

const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.DEMO_DATA_DIR ?? ".data/demo");
const username = process.env.ADMIN_USERNAME || "demo";
const password = process.env.ADMIN_PASSWORD || "demo";
const webhookSecret = process.env.WEBHOOK_SECRET || randomBytes(24).toString("hex");
const logFile = path.join(dataDir, "server.log");
const postgresUser = process.env.EMBEDDED_POSTGRES_USER || EMBEDDED_POSTGRES_DEFAULTS.user;

async function main() {
  // Read here, so a refused DEMO_PACE ends the demo with its message rather than a stack trace.
  const pace = demoPace(process.env.DEMO_PACE);
  const batchMs = Number(process.env.DEMO_BATCH_SECONDS ?? 25) * 1000 * pace;
  mkdirSync(dataDir, { recursive: true });
  const databaseDir = path.join(dataDir, "postgres");
  // The database is prepared while the app builds: on two cores the build is the long pole.
  let building = Promise.resolve();
  if (!buildIsCurrent()) {
    say("Building the app (next build; about a minute on two cores)…");
    building = build(path.join(dataDir, "build.log"), (line) => say(`[${seconds()} s]   ${line}`));
  }
  await Promise.all([prepareDemoDatabase(databaseDir, postgresUser), building]);
  say(`[${seconds()} s] database and build ready; starting the app`);
  const sim = await startSimulators();
  seedExistingLibrary(sim);
  sim.jellyfin.users = [...household];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...sim.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    EMBEDDED_POSTGRES_DIR: databaseDir,
    AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString("base64"),
    AUTH_TRUST_HOST: "true",
    WEBHOOK_SECRET: webhookSecret,
    ADMIN_USERNAME: username,
    ADMIN_PASSWORD: password,
    ...pacedAppSettings(pace, process.env),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // A household channel that prints each message into the demo's log; the admin page lists them too.
    NOTIFY_URLS: process.env.NOTIFY_URLS ?? "log://",
  };
  // The demo is self-contained: its own embedded database and the in-process workflow timer.
  for (const key of ["DATABASE_URL", "INNGEST_BASE_URL", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV"]) delete env[key];
  let app: App | null = null;
  const batches = new AbortController();
  // Every running scenario waits on this one signal.
  setMaxListeners(0, batches.signal);
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    batches.abort();
    say("\nStopping the demo…");
    await app?.stop();
    await sim.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  app = await startApp(env, port, logFile);
  void app.exited.then((code) => {
    if (!stopping) {
      say(`The app stopped unexpectedly (exit ${code}); its log is ${logFile}`);
      void shutdown(1);
    }
  });
  const shown = `http://localhost:${port}`;
  say(`\nStatus Tracker demo is running (ready in ${seconds()} s)\n`);
  say(`  Open      ${shown}`);
  say(`  Sign in   ${username} / ${password} (admin), or as a household member (Jellyfin accounts):`);
  say(`            ${household.map((m) => `${m.name} / ${m.password}`).join(", ")}`);
  if (env.API_TOKEN) say(`  Read API  curl -H "Authorization: Bearer $API_TOKEN" ${shown}/api/requests`);
  say(`  Simulate  npm run simulate -- --target ${shown} --secret ${webhookSecret}`);
  say(`  Log       ${path.relative(process.cwd(), logFile)} (with every notification the household would get)`);
  say(`  Messages  ${shown}/admin, "Notifications"\n`);
  say("Simulated Jellyseerr, Sonarr, Radarr, qBittorrent, Jellyfin and Shoko are sending requests through. Ctrl-C stops.");
  say("The simulated Jellyfin's existing library was imported into History at start (Admin → Sync library runs it again).\n");

  const deliver = webhookSender(app.url, webhookSecret);
  let uid = firstUid();
  let failures = 0;
  for (let batch = 0; !batches.signal.aborted; batch += 1) {
    // Every batch runs the four flows; the trouble and occasional cases come in the first batch and every fourth after.
    const chosen = scenarios.filter((s) => !(s.trouble || s.occasional) || batch % 4 === 0);
    say(`[${seconds()} s] batch ${batch + 1}: ${chosen.map((s) => s.name).join(", ")}`);
    for (const [i, scenario] of chosen.entries()) {
      const ids = { uid: uid++, batch };
      setTimeout(
        () => {
          void runScenario(scenario, ids, {
            sim,
            deliver,
            pace,
            signal: batches.signal,
            onAnswer: (d, a) => {
              if (a.status !== 200 && a.status !== 202) say(`  ${d.label}: HTTP ${a.status} ${a.text.slice(0, 200)}`);
            },
            onError: (d, e) => {
              if (!stopping && failures++ < 5) say(`  ${d.label}: ${e instanceof Error ? e.message : String(e)}`);
            },
          });
        },
        i * 700 * pace,
      );
    }
    await sleep(batchMs, batches.signal);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
