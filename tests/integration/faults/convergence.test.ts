/**
 * Convergence under faults, on every run: Radicale and the Google fake behind a proxy that
 * fails 40% of requests (throttling with Retry-After, 5xx, resets before and after the server
 * handled the request, cut bodies, stalls, partial multistatus answers), a second client
 * editing at the same time, and overlapping pulls. The end state must lose no edit, hold no
 * duplicate, surface every real conflict, and Concord's API must never answer 500.
 * `npm run soak` runs the same with SOAK_ROUNDS rounds (default 2,000).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { startConvergenceRemote, type ConvergenceRemoteKind } from "./convergence-remote.ts";
import { runConvergence } from "./convergence-run.ts";

const soakRounds = Number(process.env.SOAK_ROUNDS ?? 0);
const rounds = soakRounds > 0 ? soakRounds : 100;
const faultRate = Number(process.env.SOAK_FAULT_RATE ?? 0.4);
const seed = Number(process.env.SOAK_SEED ?? 20_26_12_03);

const kinds = (process.env.SOAK_KINDS ?? "radicale,google").split(",") as ConvergenceRemoteKind[];

describe.each<ConvergenceRemoteKind>(kinds)("convergence under faults on %s", (kind) => {
  let testDb: TestDb;
  beforeAll(async () => {
    vi.stubEnv("CONCORD_ENCRYPTION_KEY", randomBytes(32).toString("hex"));
    testDb = await createTestDb("pglite");
    // A fresh PGlite runs initdb: slow on a loaded machine.
  }, 300_000);
  afterAll(async () => {
    await testDb?.close();
    vi.unstubAllEnvs();
  });

  it(
    `${rounds} rounds at ${faultRate * 100}% faults end converged`,
    async () => {
      const remote = await startConvergenceRemote({ kind, seed, faultRate });
      try {
        const report = await runConvergence({
          remote,
          rounds,
          seed,
          log: soakRounds > 0 ? (line) => console.info(`[soak ${kind}] ${line}`) : undefined,
        });
        if (soakRounds > 0 || process.env.CONVERGENCE_REPORT)
          console.info(`[${kind}]`, JSON.stringify(report, null, 1));
        expect(report.serverErrors).toEqual([]);
        expect(report.lostEdits).toEqual([]);
        expect(report.duplicates).toEqual([]);
        expect(report.diverged).toEqual([]);
        expect(report.unsurfacedConflicts).toEqual([]);
        expect(report.spuriousConflicts).toEqual([]);
        expect(report.pendingAfterDrain).toBe(0);
        // The proxy really failed requests of every kind it knows.
        expect(Object.keys(report.faults).length).toBeGreaterThanOrEqual(5);
      } finally {
        await remote.stop();
      }
    },
    Math.max(240_000, rounds * 2_000),
  );
});
