import path from "node:path";
import { defineConfig } from "vitest/config";

// Three projects: unit (no services), integration (PostgreSQL, PGlite, Radicale, Xandikos, the
// Google fake), e2e (Chromium against `npm start`). `npm test` runs them in that order.
export default defineConfig({
  // app/ and components/ import through "@/"; lib/, tests/ and scripts/ use relative paths.
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Real servers on 2 cores: a few files at a time.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
