/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files at run time: keep it (and its Prisma adapter,
  // and the Node-only database drivers) out of the bundle (STACK.md "PGlite").
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (tests and scripts too) with tsc; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
