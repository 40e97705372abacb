import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { e2e, serverEnv } from "./tests/e2e/env";

/** `npm run demo` end to end: its own app server and database, on ports of its own. */
const demo = ["demo.spec.ts"];
/** Specs that start app servers and a database of their own, on ports of their own. */
const ownServers = ["instances.spec.ts", "hang-ups.spec.ts"];

// Debian's chromium: `npx playwright install` cannot download browsers on these machines. Its headless shell (package
// chromium-headless-shell, the engine without the browser around it) is preferred: measured on two cores, the suite's
// browsers used about a third of the CPU time of full Chromium in headless mode (84 s against 236 s), and the
// suite took 2.9 min instead of 4.2.
const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium");
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/global-setup.ts",
  // Two lanes. The demo never touches the shared server and mostly waits on its own clock: about two minutes however
  // fast the machine, so it starts first. The app's specs share one server and one database, so they run one at a
  // time in the other lane. The two-instance and hang-ups specs (servers and a database of their own) are queued last
  // and go to whichever lane frees up first: the app's on a fast machine, the demo's when the CPU-bound specs are
  // slowed. Each project takes at most one worker, and a free worker takes the first queued file it may run.
  workers: 2,
  projects: [
    { name: "demo", testMatch: demo, workers: 1 },
    { name: "app", testIgnore: [...demo, ...ownServers], workers: 1 },
    { name: "own-servers", testMatch: ownServers, workers: 1 },
  ],
  timeout: 30_000,
  reporter: [["list"]],
  use: {
    baseURL: e2e.baseURL,
    browserName: "chromium",
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  webServer: {
    // Builds once with the test secrets present (the bundle scan looks for them), then serves the build.
    command: "node tests/e2e/serve.mjs",
    url: `${e2e.baseURL}/api/health`,
    env: serverEnv(),
    // The build is part of the start: minutes on a busy 2-core machine.
    timeout: 900_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "ignore",
    stderr: "pipe",
  },
});
