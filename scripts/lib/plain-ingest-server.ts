import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/**
 * The ingest benchmark's floor: a plain Node HTTP server in a process of its own, doing a webhook's JSON work in
 * memory — the secret checked, the body parsed (JSON or form fields), its SHA-256 as the dedupe key, kept in a
 * map, a JSON answer — with no framework and no database.
 */
const PLAIN_SERVER = `
const http = require("node:http");
const { createHash, timingSafeEqual } = require("node:crypto");
const expected = createHash("sha256").update(process.env.SECRET).digest();
const seen = new Map();
const answer = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
};
http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const auth = req.headers.authorization || "";
    const presented = createHash("sha256").update(auth.startsWith("Bearer ") ? auth.slice(7) : "").digest();
    if (!timingSafeEqual(presented, expected)) return answer(res, 401, { error: "unauthorized" });
    const raw = Buffer.concat(chunks);
    const text = raw.toString("utf8");
    let value;
    try {
      value = (req.headers["content-type"] || "").includes("x-www-form-urlencoded") ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text);
    } catch {
      return answer(res, 400, { error: "bad_request" });
    }
    const key = createHash("sha256").update(raw).digest("hex");
    const duplicate = seen.has(key);
    if (!duplicate) seen.set(key, JSON.stringify(value));
    answer(res, 200, { deliveryId: seen.size, duplicate, eventType: value.eventType || value.notification_type || null, applied: [] });
  });
}).listen(0, "127.0.0.1", function () {
  process.stdout.write(JSON.stringify({ port: this.address().port }) + "\\n");
});
`;

export async function startPlainIngestServer(secret: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["-e", PLAIN_SERVER], { env: { ...process.env, SECRET: secret }, stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`plain server exited with ${code}`)));
    child.stdout?.once("data", (d: Buffer) => resolve((JSON.parse(d.toString()) as { port: number }).port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * A process's main thread so far (Linux /proc/<pid>/schedstat, ns → ms): time on a CPU and time runnable but waiting
 * for one. Node runs JavaScript on that thread, so its wait is how long the app had work and no CPU to do it on.
 * Zeros when the file is missing (another system, or the process is gone).
 */
export function threadSchedMs(pid: number): { runMs: number; waitMs: number } {
  try {
    const [run = 0, wait = 0] = readFileSync(`/proc/${pid}/schedstat`, "utf8").trim().split(" ").map(Number);
    return { runMs: run / 1e6, waitMs: wait / 1e6 };
  } catch {
    return { runMs: 0, waitMs: 0 };
  }
}

/** User + system CPU time of a process so far, in ms (Linux /proc; 0 when it is gone). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the command: state is field 3, so utime (14) and stime (15) are at indexes 11 and 12.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}
