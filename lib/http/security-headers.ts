/**
 * Headers on every response. The CSP is static (set in next.config.ts) rather than nonce-based: a nonce
 * would force every page to render per request. Next's App Router bootstraps with inline scripts, so
 * scripts need 'unsafe-inline' (Next's CSP guide, "Without Nonces"); 'unsafe-eval' only in development,
 * where React uses eval for error overlays. connect-src 'self' covers fetch and the EventSource on
 * /api/events. No upgrade-insecure-requests: households often reach the app over plain http on the LAN.
 */
export function contentSecurityPolicy({ dev }: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // Posters come from TMDB and other upstream image hosts.
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders({ dev }: { dev: boolean }): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy({ dev }) },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ];
}
