/**
 * The end-to-end server's configuration, shared by playwright.config.ts (which starts the server) and the
 * tests (which sign in and scan the build for these secret values).
 */
const port = Number(process.env.E2E_PORT ?? 3471);
const jellyfinPort = Number(process.env.E2E_JELLYFIN_PORT ?? 3472);

export const e2e = {
  port,
  baseURL: `http://127.0.0.1:${port}`,
  jellyfinPort,
  secrets: {
    AUTH_SECRET: "e2e-auth-secret-5a1f0c9e3b7d4e2a8c6b1d0f9e8a7b6c",
    WEBHOOK_SECRET: "e2e-webhook-secret-8d3c2b1a0f9e",
    API_TOKEN: "e2e-api-token-4f6e8d0c2b4a",
    ADMIN_PASSWORD: "e2e-local-admin-pw-7c9e1a3b5d",
  },
  localAdmin: "root",
  /** Jellyfin accounts the fake knows: Alice is a Jellyfin administrator, bob a member, carol disabled. */
  users: {
    admin: { name: "Alice", password: "alice-jellyfin-pw", admin: true },
    member: { name: "bob", password: "bob-jellyfin-pw" },
    disabled: { name: "carol", password: "carol-jellyfin-pw", disabled: true },
  },
} as const;

/** Everything the app server needs; the database is chosen by tests/e2e/serve.mjs. */
export function serverEnv(): Record<string, string> {
  return {
    ...e2e.secrets,
    PORT: String(e2e.port),
    JELLYFIN_URL: `http://127.0.0.1:${e2e.jellyfinPort}`,
    ADMIN_USERNAME: e2e.localAdmin,
    ADMIN_USERS: "",
    // The tests stand in for a reverse proxy on loopback: each names its own client address.
    TRUSTED_PROXIES: "127.0.0.1",
    MEMBERS_SEE: "all",
    LOG_LEVEL: "warn",
    INNGEST_DEV: "1",
    JELLYFIN_PUBLIC_URL: "http://jellyfin.test:8096",
    NEXT_TELEMETRY_DISABLED: "1",
    // The loopback push service of tests/e2e/notifications.spec.ts presents this certificate.
    NOTIFY_PUSH_CA_FILE: "tests/fixtures/tls/push-service.pem",
    // Posters in the design tests come from loopback hosts on any port (one serving, one refusing connections).
    IMAGE_HOSTS: "image.tmdb.org,localhost",
  };
}
