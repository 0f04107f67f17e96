/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files at run time: keep it (and its Prisma adapter,
  // and the Node-only database drivers) out of the bundle (docs/stack.md "PGlite").
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (tests and scripts too) with tsc; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Security headers fixed at build time, for answers neither proxy.ts (pages) nor the API's
  // routes() wrapper touches: static files, next-auth's and Inngest's routes. The same values as
  // lib/http/security-headers.ts (a unit test keeps them equal); the run-time parts (page nonce,
  // HSTS from APP_URL) live there.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;
