import { z } from "zod";
import { parseAliases, parseNameList } from "@/lib/auth/aliases";

// The one place that reads process.env. Parsed lazily so `next build` never needs runtime secrets.
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString,
  PGLITE_DIR: z.string().default("./.data/pglite"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  WEBHOOK_SECRET: optionalString,
  API_TOKEN: optionalString,
  WEBHOOK_MAX_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Jellyfin as the household reaches it in a browser; enables "Watch in Jellyfin" links. */
  JELLYFIN_PUBLIC_URL: optionalString.pipe(z.url().optional()),
  /** Signs and encrypts session cookies; required in production (`openssl rand -base64 32`). */
  AUTH_SECRET: optionalString,
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
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Raw webhook deliveries older than this are deleted. */
  DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
}).refine((e) => !!e.ADMIN_USERNAME === !!e.ADMIN_PASSWORD, {
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

/** Tests change the environment between files; production never calls this. */
export function resetEnvForTests(): void {
  cached = undefined;
}
