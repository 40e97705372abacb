import { env, type Env } from "@/lib/env";

/**
 * Values of configured secrets (shared secrets, API keys, passwords, the password in DATABASE_URL) replaced
 * wherever they appear in text we store or log. Linear: one indexOf pass per secret, no pattern.
 */

const REDACTED = "[redacted-secret]";
/** Shorter values would match ordinary words; nobody configures a secret that short on purpose. */
const MIN_LENGTH = 6;

const secretName = /(SECRET|TOKEN|API_KEY|PASSWORD|EVENT_KEY|SIGNING_KEY)$/;

let cached: { from: Env; values: string[] } | undefined;

function passwordOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? [password] : [];
  } catch {
    return [];
  }
}

/** The configured secret values, longest first (so a secret containing another is replaced whole). */
export function secretValues(e: Env = currentEnv()): string[] {
  if (cached?.from === e) return cached.values;
  const values = Object.entries(e)
    .filter(([k]) => secretName.test(k))
    .map(([, v]) => v)
    .filter((v): v is string => typeof v === "string")
    .concat(passwordOf(e.DATABASE_URL))
    .filter((v) => v.length >= MIN_LENGTH);
  const unique = [...new Set(values)].sort((a, b) => b.length - a.length);
  cached = { from: e, values: unique };
  return unique;
}

function currentEnv(): Env {
  return env();
}

/** `text` with every configured secret value replaced. */
export function redactSecrets(text: string, values: string[] = safeSecretValues()): string {
  let out = text;
  for (const value of values) {
    if (out.includes(value)) out = out.split(value).join(REDACTED);
  }
  return out;
}

/** Logging must work with a broken configuration too: then there is nothing known to redact. */
function safeSecretValues(): string[] {
  try {
    return secretValues();
  } catch {
    return [];
  }
}
