/** Defaults of the embedded PostgreSQL, shared by lib/env.ts and the scripts that prepare its data directory. */
export const EMBEDDED_POSTGRES_DEFAULTS = {
  dir: "./.data/postgres",
  /** The account the server runs as when started by root; created on first use. */
  user: "status-tracker-pg",
} as const;
