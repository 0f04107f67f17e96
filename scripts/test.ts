// `npm test`: every suite — lint, types, unit, integration (PostgreSQL, PGlite, Radicale,
// Xandikos, the Google fake), end-to-end (Chromium). Installs or starts what it can first and
// stops with a clear message otherwise; ends with one "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ensureTestPrerequisites } from "./test-prerequisites.ts";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) console.error(`\n${label} failed (exit ${result.status ?? result.signal}).`);
  return result.status === 0;
}

const problems = await ensureTestPrerequisites();
if (problems.length) {
  console.error(`\nCannot run the test suites; missing:\n- ${problems.join("\n- ")}`);
  process.exit(1);
}

let passed = 0;
let failed = 0;
const failures: string[] = [];

for (const [label, command, args] of [
  ["lint", bin("eslint"), ["."]],
  ["format", bin("prettier"), ["--check", "."]],
  ["types", bin("tsc"), ["--noEmit"]],
] as const) {
  if (!run(label, command, [...args])) failures.push(label);
}

mkdirSync(path.join(root, "artifacts"), { recursive: true });
for (const project of ["unit", "integration", "e2e"]) {
  const report = path.join(root, "artifacts", `vitest-${project}.json`);
  const ok = run(`${project} tests`, bin("vitest"), [
    "run",
    "--project",
    project,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
  ]);
  try {
    const summary = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number };
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
  } catch {
    // No report: the run itself broke before any test; counted as a failure below.
  }
  if (!ok) failures.push(`${project} tests`);
}

console.log(failures.length ? `\nFailed: ${failures.join(", ")}` : "\nAll suites passed.");
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
