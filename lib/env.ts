import { z } from "zod";

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
