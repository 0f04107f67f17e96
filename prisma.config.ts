import { defineConfig } from "prisma/config";

// The CLI is used only for `prisma generate` here: migrations go through scripts/db-migrate.ts
// because Prisma's native schema engine cannot be downloaded on every machine (docs/stack.md).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
