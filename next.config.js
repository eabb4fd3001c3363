/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  // Type checking is its own step of `npm test` (tsc --noEmit), not part of the build.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    serverActions: { bodySizeLimit: "25mb" },
    // proxy.ts sees server-action bodies; Next would cut them at 10 MB (silently) by default.
    proxyClientMaxBodySize: "26mb",
  },
};

module.exports = nextConfig;
