import { availableParallelism } from "node:os";
import { z } from "zod";
import { EMBEDDED_POSTGRES_DEFAULTS } from "@/db/embedded/defaults";
import { parseAliases, parseNameList } from "@/lib/auth/aliases";
import { parseAddressList } from "@/lib/http/address-list";

// The one place that reads process.env. Parsed lazily so `next build` never needs runtime secrets.
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/**
 * Connections per instance when DATABASE_POOL_SIZE is unset: twice the cores plus one, at most ten. More transactions
 * in flight than the cores can run only interleave: on 2 cores with 16 webhooks in flight a pool of 5 against 10 cut
 * PostgreSQL's CPU per delivery and the latency tail (docs/benchmarks.md, "Ingest").
 */
export function defaultPoolSize(cores: number): number {
  return Math.min(10, 2 * Math.max(1, cores) + 1);
}

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: optionalString,
    /** Data directory of the embedded PostgreSQL started when DATABASE_URL is unset. */
    EMBEDDED_POSTGRES_DIR: optionalString.transform((v) => v ?? EMBEDDED_POSTGRES_DEFAULTS.dir),
    /** The account the embedded PostgreSQL runs as when the app is started as root (created if missing). */
    EMBEDDED_POSTGRES_USER: optionalString
      .pipe(
        z
          .string()
          .regex(/^[a-z_][a-z0-9_-]{0,31}$/, "expected a system user name")
          .optional(),
      )
      .transform((v) => v ?? EMBEDDED_POSTGRES_DEFAULTS.user),
    DATABASE_POOL_SIZE: optionalString
      .pipe(z.coerce.number<string | undefined>().int().min(1).max(100).optional())
      .transform((v) => v ?? defaultPoolSize(availableParallelism())),
    WEBHOOK_SECRET: optionalString,
    API_TOKEN: optionalString,
    WEBHOOK_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
    /** Where deliveries wait, fsync'ed, while the database cannot record them (replayed in order when it is back). */
    SPOOL_DIR: z.string().trim().min(1).default("./.data/spool"),
    /** The spool's size limit; past it webhooks are answered 503 with Retry-After. */
    SPOOL_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024 * 1024)
      .default(256 * 1024 * 1024),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    /** Jellyfin as the household reaches it in a browser; enables "Watch in Jellyfin" links. */
    JELLYFIN_PUBLIC_URL: optionalString.pipe(z.url().optional()),
    /** Signs and encrypts session cookies; required in production (`openssl rand -base64 32`). */
    AUTH_SECRET: optionalString,
    /** The tracker's public address (https://tracker.example); unset = the Host each request came in on. */
    AUTH_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    /** Reverse proxies whose X-Forwarded-For is believed: a comma list of addresses and CIDR ranges. */
    TRUSTED_PROXIES: optionalString.transform((text, ctx) => {
      const parsed = parseAddressList(text);
      if (parsed.ok) return parsed.entries;
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }),
    /** A session unused for this long ends; each use extends it. */
    SESSION_IDLE_DAYS: z.coerce
      .number()
      .min(1 / 24)
      .max(365)
      .default(30),
    /** Where household members sign in with their Jellyfin accounts; unset = local admin only. */
    JELLYFIN_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    /** Jellyfin names that are admins even without Jellyfin's administrator policy. */
    ADMIN_USERS: optionalString.transform(parseNameList),
    /** A local admin for houses without Jellyfin (and the demo); both or neither. */
    ADMIN_USERNAME: optionalString,
    ADMIN_PASSWORD: optionalString,
    /** Which requests a member sees: the whole household's, or only their own. */
    MEMBERS_SEE: z.enum(["all", "own"]).default("all"),
    /** `<jellyfin name>=<jellyseerr name or e-mail>,…;…` — see lib/auth/aliases.ts. */
    USER_ALIASES: optionalString.transform((text, ctx) => {
      const parsed = parseAliases(text);
      if (parsed.ok) return parsed.aliases;
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }),
    /** Failures of one name from one address before each further try waits (30 s, doubling per failure). */
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
    /** Failures from one address, any names, before that address is refused until the window passes. */
    LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).max(100_000).default(30),
    /** Failures older than this are forgotten; also the longest wait. */
    LOGIN_WINDOW_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /** Raw webhook deliveries older than this are deleted. */
    DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    // Upstream services the tracker asks for the truth; each is optional and simply skipped when unset.
    QBITTORRENT_URL: optionalString,
    QBITTORRENT_USERNAME: optionalString,
    QBITTORRENT_PASSWORD: optionalString,
    SONARR_URL: optionalString,
    SONARR_API_KEY: optionalString,
    RADARR_URL: optionalString,
    RADARR_API_KEY: optionalString,
    JELLYFIN_API_KEY: optionalString,
    SHOKO_URL: optionalString,
    SHOKO_API_KEY: optionalString,
    /** Jellyseerr's REST API: the sweep reads recent requests, so a lost Jellyseerr webhook is recovered too. */
    JELLYSEERR_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    JELLYSEERR_API_KEY: optionalString,
    /** Where the tracker keeps files of its own (the image cache under image-cache/). */
    DATA_DIR: z.string().trim().min(1).default("./.data"),
    /** The poster and backdrop cache's size limit; the least recently shown images go first past it. */
    IMAGE_CACHE_MB: z.coerce.number().int().min(1).max(100_000).default(256),
    /**
     * Hosts posters and backdrops may come from, besides the configured services (Jellyfin, Jellyseerr,
     * Sonarr, Radarr, Shoko): a comma list of host names, or host:port.
     */
    IMAGE_HOSTS: z
      .string()
      .trim()
      .default("image.tmdb.org")
      .transform((text) =>
        text
          .split(",")
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      ),
    INTEGRATION_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    // Workflows: the live poller, the fallback sweep and the wait before looking Jellyfin up ourselves.
    POLL_INTERVAL_SECONDS: z.coerce.number().min(1).max(300).default(3),
    SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(120),
    IMPORT_WAIT: z
      .string()
      .trim()
      .regex(/^\d+(s|m|h)$/, "expected a duration such as 90s, 2m or 1h")
      .default("2m"),
    // Notifications (README "Notifications"): household-wide channels for admins, Web Push keys, batching.
    /** A comma list of Apprise-style URLs told what admins are told (ntfy://…, discord://…, mailto://…). */
    NOTIFY_URLS: optionalString.transform((text) =>
      (text ?? "")
        .split(",")
        .map((u) => u.trim())
        .filter(Boolean),
    ),
    /** VAPID keys for Web Push (`npx web-push generate-vapid-keys`); unset = generated once and kept in the database. */
    VAPID_PUBLIC_KEY: optionalString,
    VAPID_PRIVATE_KEY: optionalString,
    /** Who push services may contact about this sender: a mailto: or https: URL. */
    VAPID_SUBJECT: z
      .string()
      .trim()
      .regex(/^(mailto:|https:)/, "expected a mailto: or https: URL")
      .default("mailto:admin@localhost"),
    /** Episodes ready within this many seconds of each other go out as one message. */
    NOTIFY_BATCH_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
    /** The hour (UTC) of the admins' daily digest of what waits on them. */
    NOTIFY_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(9),
    /** Where links in messages point: the portal as the household reaches it (else AUTH_URL, else none). */
    PUBLIC_URL: optionalString.pipe(z.url().optional()),
    /** Test-only overrides of the Discord and Telegram API bases (loopback receivers); leave unset in production. */
    NOTIFY_DISCORD_API_URL: z.string().trim().default("https://discord.com/api"),
    NOTIFY_TELEGRAM_API_URL: z.string().trim().default("https://api.telegram.org"),
    /** Test-only: a PEM certificate push services may present besides the public CAs (the loopback push service). */
    NOTIFY_PUSH_CA_FILE: optionalString,
    // Inngest: configured = durable workflows there; unset = the embedded fallback timer runs in-process.
    INNGEST_BASE_URL: optionalString,
    INNGEST_EVENT_KEY: optionalString,
    INNGEST_SIGNING_KEY: optionalString,
    INNGEST_DEV: optionalString,
    /** Run "Sync library" once at the first start when integrations are configured (set to "false" to skip). */
    LIBRARY_SYNC_ON_FIRST_START: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
  })
  .refine((e) => !!e.ADMIN_USERNAME === !!e.ADMIN_PASSWORD, {
    path: ["ADMIN_PASSWORD"],
    message: "set ADMIN_USERNAME and ADMIN_PASSWORD together",
  });

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid configuration: ${detail}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** True when an Inngest server is configured, so the durable functions (not the embedded timer) run the work. */
export function inngestConfigured(e: Env = env()): boolean {
  return Boolean(e.INNGEST_BASE_URL || e.INNGEST_EVENT_KEY);
}

/** INNGEST_DEV=1: the Inngest client talks to a local dev server and requests need no signature. */
export function inngestDevMode(e: Env = env()): boolean {
  return e.INNGEST_DEV === "1" || e.INNGEST_DEV === "true";
}

/**
 * Whether `/api/inngest` can serve an Inngest server: it needs the signing key to verify its calls, or dev
 * mode. Otherwise the endpoint only answers 404, quietly.
 */
export function inngestServeConfigured(e: Env = env()): boolean {
  return Boolean(e.INNGEST_SIGNING_KEY) || inngestDevMode(e);
}

/** `IMPORT_WAIT` ("90s", "2m", "1h") in milliseconds. */
export function durationMs(value: string): number {
  const unit = value.slice(-1);
  const amount = Number(value.slice(0, -1));
  return amount * (unit === "h" ? 3_600_000 : unit === "m" ? 60_000 : 1000);
}

/** Tests change the environment between files; production never calls this. */
export function resetEnvForTests(): void {
  cached = undefined;
}
