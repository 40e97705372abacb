import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { securityHeaders } from "./lib/http/security-headers";

export default function config(phase: string): NextConfig {
  const dev = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    // PGlite and postgres.js must load from node_modules at runtime: bundling them breaks both drivers.
    serverExternalPackages: ["@electric-sql/pglite", "postgres"],
    poweredByHeader: false,
    async headers() {
      return [{ source: "/:path*", headers: securityHeaders({ dev }) }];
    },
  };
}
