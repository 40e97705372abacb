import { execFileSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";

/** A port free right now; kept in the environment so worker processes agree with the runner. */
function freePort(): string {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}

process.env.E2E_PORT ??= freePort();
process.env.E2E_WEBHOOK_SECRET ??= "e2e-webhook-secret";
const port = process.env.E2E_PORT;

export default defineConfig({
  testDir: "tests/e2e",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  outputDir: "test-results",
  fullyParallel: false,
  // One worker: the tests share one server, and the machine's two cores are shared too.
  workers: 1,
  retries: 0,
  reporter: "list",
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: `npx next build && npx tsx tests/e2e/serve.ts ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: { WEBHOOK_SECRET: process.env.E2E_WEBHOOK_SECRET, JELLYFIN_PUBLIC_URL: "http://jellyfin.test:8096" },
  },
});
