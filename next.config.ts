import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { securityHeaders } from "./lib/http/security-headers";

export default function config(phase: string): NextConfig {
  const dev = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    // postgres.js must load from node_modules at runtime: bundled, the driver breaks.
    // So must SignalR: bundled, its Node transport's dynamic require fails and, with SHOKO_URL set, takes
    // the instrumentation hook (and so every request) down with it.
    serverExternalPackages: ["postgres", "@microsoft/signalr"],
    poweredByHeader: false,
    async headers() {
      return [{ source: "/:path*", headers: securityHeaders({ dev }) }];
    },
  };
}
