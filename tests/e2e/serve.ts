/**
 * Playwright's web server: `next start` on its own fresh database, dropped again when Playwright stops it.
 * Usage: tsx tests/e2e/serve.ts <port>
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { freshDatabase } from "../../scripts/lib/fresh-database";
import { handleFile } from "./database-handle";

const port = process.argv[2] ?? "3100";
const database = await freshDatabase(process.env.DATABASE_URL, "st_e2e");
// Playwright may kill this process before its exit handler runs: the global teardown drops it from here.
writeFileSync(handleFile(port), JSON.stringify(database.handle));
const childEnv: NodeJS.ProcessEnv = { ...process.env, ...database.env, NODE_ENV: "production", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" };
if (!process.env.DATABASE_URL) delete childEnv.DATABASE_URL;

const child = spawn("node_modules/.bin/next", ["start", "-p", port], { env: childEnv, stdio: "inherit" });
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => {
  void database.drop().finally(() => process.exit(code ?? 0));
});
