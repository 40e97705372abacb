import { env } from "@/lib/env";
import { redactSecrets } from "@/lib/secrets";

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let threshold: number | undefined;

function currentThreshold(): number {
  if (threshold === undefined) {
    try {
      threshold = order[env().LOG_LEVEL];
    } catch {
      threshold = order.info; // a broken config must still be loggable
    }
  }
  return threshold;
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (order[level] < currentThreshold()) return;
  // A configured secret never reaches a log line, whichever field carried it (an error message, a URL).
  const line = redactSecrets(JSON.stringify({ at: new Date().toISOString(), level, message, ...fields }));
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => write("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => write("warn", m, f),
  error: (m: string, f?: Record<string, unknown>) => write("error", m, f),
};
