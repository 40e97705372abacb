import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite and postgres.js must load from node_modules at runtime: bundling them breaks both drivers.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
};

export default nextConfig;
