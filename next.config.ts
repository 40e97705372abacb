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
    // Turbopack writes a build cache to .next/cache: a rebuild then takes ~15 s instead of ~40 s on two cores, but a
    // cold build pays for writing it (measured: 56 s and 95 s of CPU with it, 40 s and 67 s without). Where the
    // cache is never read again (CI on a fresh clone, an image build), NEXT_BUILD_CACHE=off skips it.
    experimental: { turbopackFileSystemCacheForBuild: process.env.NEXT_BUILD_CACHE !== "off" },
    // The end-to-end tests' build (tests/e2e/serve.mjs) skips the type check with NEXT_TYPECHECK=off: `npm run
    // typecheck` runs the same check once, beside Biome, where CI checks the code (.ci/run); every other build keeps it.
    typescript: { ignoreBuildErrors: process.env.NEXT_TYPECHECK === "off" },
    async headers() {
      return [{ source: "/:path*", headers: securityHeaders({ dev }) }];
    },
  };
}
